import { Badge, BlockStack, Card, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import type { MarketingView } from "~/home/dashboard.server";

/** Spend, cost ratio and ROAS of the period, from the promotions the team logs, against the period before. */
export function MarketingCard({ marketing, previousLabel }: { marketing: MarketingView[]; previousLabel: string }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Marketing, from the promotions the team logs
        </Text>
        <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
          {marketing.map((item) => (
            <BlockStack gap="100" key={item.key}>
              <Text as="span" variant="bodySm" tone="subdued">
                {item.label}
              </Text>
              <Text as="span" variant="headingLg" id={`marketing-${item.key}`}>
                {item.display}
              </Text>
              <InlineStack gap="100" blockAlign="center">
                {item.previous.text ? <Badge tone={item.previous.tone}>{item.previous.text}</Badge> : <Badge>n/a</Badge>}
                <Text as="span" variant="bodySm" tone="subdued">
                  vs {previousLabel} ({item.previous.display})
                </Text>
              </InlineStack>
            </BlockStack>
          ))}
        </InlineGrid>
        <Text as="p" variant="bodySm" tone="subdued">
          Spend is spread evenly over each promotion's days; ROAS is the revenue of orders attributed to any promotion over that spend.
        </Text>
      </BlockStack>
    </Card>
  );
}

import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { FigureTile } from "~/components/FigureTile";
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
            <FigureTile key={item.key} id={`marketing-${item.key}`} label={item.label} display={item.display} change={item.previous.text} tone={item.previous.tone} against={`vs ${previousLabel} (${item.previous.display})`} />
          ))}
        </InlineGrid>
        <Text as="p" variant="bodySm" tone="subdued">
          Spend is spread evenly over each promotion's days; ROAS is the revenue of orders attributed to any promotion over that spend.
        </Text>
      </BlockStack>
    </Card>
  );
}

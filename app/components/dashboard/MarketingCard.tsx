import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { FigureTile } from "~/components/FigureTile";
import type { MarketingView } from "~/home/dashboard.server";
import { useLocale } from "~/i18n/react";

/**
 * Spend, cost ratio and ROAS of the period, from the promotions the team logs, and beside ROAS their
 * whole cost and the gross profit returned per unit of it, against the period before; what each means below.
 */
export function MarketingCard({ marketing, previousLabel }: { marketing: MarketingView[]; previousLabel: string }) {
  const { t } = useLocale();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("home.marketing.title")}
        </Text>
        <InlineGrid columns={{ xs: 1, sm: 3, lg: 5 }} gap="400">
          {marketing.map((item) => (
            <FigureTile
              key={item.key}
              id={`marketing-${item.key}`}
              label={item.label}
              display={item.display}
              change={item.previous.text}
              tone={item.previous.tone}
              against={t("home.marketing.against", { period: previousLabel, value: item.previous.display })}
            />
          ))}
        </InlineGrid>
        <BlockStack gap="050" id="marketing-definitions">
          <Text as="p" variant="bodySm" tone="subdued">
            {t("home.marketing.note")}
          </Text>
          {marketing.map((item) => (
            <Text as="p" variant="bodySm" tone="subdued" key={item.key}>
              {t("home.marketing.definition", { label: item.label, description: item.description })}
            </Text>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

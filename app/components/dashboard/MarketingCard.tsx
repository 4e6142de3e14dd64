import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { FigureTile } from "~/components/FigureTile";
import type { MarketingView } from "~/home/dashboard.server";
import { useLocale } from "~/i18n/react";

/** Spend, cost ratio and ROAS of the period, from the promotions the team logs, against the period before. */
export function MarketingCard({ marketing, previousLabel }: { marketing: MarketingView[]; previousLabel: string }) {
  const { t } = useLocale();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("home.marketing.title")}
        </Text>
        <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
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
        <Text as="p" variant="bodySm" tone="subdued">
          {t("home.marketing.note")}
        </Text>
      </BlockStack>
    </Card>
  );
}

import { Badge, BlockStack, Button, Card, InlineStack, Text, Tooltip } from "@shopify/polaris";
import { InfoIcon } from "@shopify/polaris-icons";
import { SparkLineChart } from "@shopify/polaris-viz";
import type { ComparedValue, IndicatorView } from "~/home/dashboard.server";
import { useLocale } from "~/i18n/react";
import { ClientOnly } from "./ClientOnly";
import { ChartPicture } from "~/components/a11y";
import { FittedFigure } from "~/components/FittedFigure";

/** A comparison the store's history allows (the page says once why one is missing): the change, when there is one to give, and the value compared with. */
function Comparison({ label, compared }: { label: string; compared: ComparedValue | null }) {
  const { t } = useLocale();
  if (!compared) return null;
  return (
    <InlineStack gap="100" blockAlign="center">
      {compared.text ? <Badge tone={compared.tone}>{compared.text}</Badge> : null}
      <Text as="span" variant="bodySm" tone="subdued">
        {t("home.comparedValue", { label, value: compared.display })}
      </Text>
    </InlineStack>
  );
}

export function IndicatorCard({ indicator }: { indicator: IndicatorView }) {
  const points = indicator.trend.filter((point) => point.value !== null);
  const { t } = useLocale();
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack gap="100" blockAlign="center" wrap={false}>
          <Text as="h3" variant="headingSm" tone="subdued">
            {indicator.label}
          </Text>
          {/* The definition, for the keyboard and screen readers too: the button takes focus and is described by it. */}
          <Tooltip content={indicator.description}>
            <Button variant="monochromePlain" icon={InfoIcon} accessibilityLabel={t("home.definitionOf", { indicator: indicator.label })} />
          </Tooltip>
        </InlineStack>
        <FittedFigure variant="heading2xl" id={`indicator-${indicator.key}`} text={indicator.display} />
        <Comparison label={t("home.vsPrevious")} compared={indicator.previous} />
        <Comparison label={t("home.vsYearEarlier")} compared={indicator.yearEarlier} />
        {indicator.warning ? (
          <BlockStack gap="100">
            <InlineStack>
              <Badge tone="warning">{t("home.profitCoverage.badge")}</Badge>
            </InlineStack>
            <Text as="p" variant="bodySm" tone="caution" id={`warning-${indicator.key}`}>
              {indicator.warning}
            </Text>
          </BlockStack>
        ) : null}
        {indicator.note ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {indicator.note}
          </Text>
        ) : null}
        {/* A picture of the figures above (the trend chart's table has the points): hidden from screen readers. */}
        <ChartPicture style={{ height: 48 }}>
          {points.length >= 2 ? (
            <ClientOnly>
              {() => (
                <SparkLineChart
                  data={[{ name: indicator.label, data: indicator.trend }]}
                  accessibilityLabel={t("home.overThePeriod", { indicator: indicator.label })}
                  isAnimated={false}
                />
              )}
            </ClientOnly>
          ) : null}
        </ChartPicture>
      </BlockStack>
    </Card>
  );
}

import { Badge, BlockStack, Button, Card, InlineStack, Text, Tooltip } from "@shopify/polaris";
import { InfoIcon } from "@shopify/polaris-icons";
import { SparkLineChart } from "@shopify/polaris-viz";
import type { ComparedValue, IndicatorView } from "~/home/dashboard.server";
import { useLocale } from "~/i18n/react";
import { ClientOnly } from "./ClientOnly";
import { ChartPicture } from "~/components/a11y";

function Comparison({ label, compared }: { label: string; compared: ComparedValue }) {
  const { t } = useLocale();
  return (
    <InlineStack gap="100" blockAlign="center">
      {compared.text ? <Badge tone={compared.tone}>{compared.text}</Badge> : <Badge>{t("common.notAvailable")}</Badge>}
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
        <Text as="p" variant="heading2xl" id={`indicator-${indicator.key}`}>
          {indicator.display}
        </Text>
        <Comparison label={t("home.vsPrevious")} compared={indicator.previous} />
        <Comparison label={t("home.vsYearEarlier")} compared={indicator.yearEarlier} />
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

import { Badge, BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { IndicatorView } from "~/home/dashboard.server";
import { useLocale } from "~/i18n/react";
import { ScrollableTable } from "~/components/a11y";

/** Every indicator of METRICS.md with the comparisons the store's history allows (a missing one has no columns). */
export function IndicatorTable({
  indicators,
  compared,
  previousLabel,
  yearEarlierLabel,
}: {
  indicators: IndicatorView[];
  compared: { previous: boolean; yearEarlier: boolean };
  previousLabel: string;
  yearEarlierLabel: string;
}) {
  const { t } = useLocale();
  const change = (text: string | null, tone: "success" | "critical" | undefined) => (text ? <Badge tone={tone}>{text}</Badge> : t("common.none"));
  const comparisons = [
    ...(compared.previous ? [{ heading: t("home.table.previous"), of: (indicator: IndicatorView) => indicator.previous }] : []),
    ...(compared.yearEarlier ? [{ heading: t("home.table.yearEarlier"), of: (indicator: IndicatorView) => indicator.yearEarlier }] : []),
  ];
  const periods = [
    compared.previous ? t("home.table.previousPeriod", { period: previousLabel }) : null,
    compared.yearEarlier ? t("home.table.yearEarlierPeriod", { period: yearEarlierLabel }) : null,
  ].filter(Boolean);
  return (
    <Card padding="0">
      <BlockStack>
        <div style={{ padding: "var(--p-space-400)" }}>
          <Text as="h2" variant="headingMd">
            {t("home.table.title")}
          </Text>
          {periods.map((period) => (
            <Text as="p" variant="bodySm" tone="subdued" key={period}>
              {period}
            </Text>
          ))}
        </div>
        <ScrollableTable id="indicator-table" label={t("home.table.title")}>
          <DataTable
            columnContentTypes={["text", "numeric", ...comparisons.flatMap(() => ["numeric", "numeric"] as const)]}
            headings={[t("home.table.indicator"), t("home.table.thisPeriod"), ...comparisons.flatMap(({ heading }) => [heading, t("home.table.change")])]}
            rows={indicators.map((indicator) => [
              indicator.label,
              indicator.display,
              ...comparisons.flatMap(({ of }) => {
                const value = of(indicator);
                return [value?.display ?? t("common.none"), value ? change(value.text, value.tone) : t("common.none")];
              }),
            ])}
          />
        </ScrollableTable>
      </BlockStack>
    </Card>
  );
}

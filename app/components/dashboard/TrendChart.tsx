import { BlockStack, Card, InlineStack, Select, Text } from "@shopify/polaris";
import { LineChart } from "@shopify/polaris-viz";
import { useState } from "react";
import type { IndicatorView } from "~/home/dashboard.server";
import { formatValue } from "~/indicators/format";
import { REPORTED_INDICATORS } from "~/indicators/definitions";
import { useLocale } from "~/i18n/react";
import { formatDate } from "~/lib/dates";
import { ClientOnly } from "./ClientOnly";
import { ChartPicture } from "~/components/a11y";

const BUCKETS = ["day", "week", "month", "quarter"] as const;

/** One indicator over the period, bucket by bucket. */
export function TrendChart({ indicators, trendBy, currency }: { indicators: IndicatorView[]; trendBy: string; currency: string }) {
  const [key, setKey] = useState<string>("net_sales");
  const indicator = indicators.find((candidate) => candidate.key === key) ?? indicators[0]!;
  const kind = REPORTED_INDICATORS[indicator.key].kind;
  const { t, locale } = useLocale();
  const by = BUCKETS.find((bucket) => bucket === trendBy);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {by ? t("home.trend.title", { by: t(`home.trend.${by}`) }) : t("home.trend.title", { by: trendBy })}
          </Text>
          <div style={{ minWidth: 220 }}>
            <Select
              label={t("home.trend.indicator")}
              labelInline
              options={indicators.map((option) => ({ value: option.key, label: option.label }))}
              value={indicator.key}
              onChange={setKey}
            />
          </div>
        </InlineStack>
        {/* The chart for the eye; the table below says the same for everyone. */}
        <ChartPicture style={{ height: 260 }} id="trend-chart">
          <ClientOnly>
            {() => (
              <LineChart
                data={[{ name: indicator.label, data: indicator.trend }]}
                isAnimated={false}
                showLegend={false}
                yAxisOptions={{ labelFormatter: (value) => formatValue(kind, value === null || value === undefined ? null : Number(value), currency, locale) }}
                tooltipOptions={{
                  valueFormatter: (value) => formatValue(kind, value === null || value === undefined ? null : Number(value), currency, locale),
                }}
              />
            )}
          </ClientOnly>
        </ChartPicture>
        <details id="trend-table">
          <summary>{t("home.trend.table")}</summary>
          <table style={{ borderCollapse: "collapse", marginTop: 8 }}>
            <thead>
              <tr>
                <th scope="col" style={{ textAlign: "left", paddingRight: 16 }}>
                  {t("home.trend.bucket")}
                </th>
                <th scope="col" style={{ textAlign: "right" }}>
                  {indicator.label}
                </th>
              </tr>
            </thead>
            <tbody>
              {indicator.trend.map((point) => (
                <tr key={point.key}>
                  <td style={{ paddingRight: 16 }}>{formatDate(point.key, locale)}</td>
                  <td style={{ textAlign: "right" }}>{formatValue(kind, point.value, currency, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </BlockStack>
    </Card>
  );
}

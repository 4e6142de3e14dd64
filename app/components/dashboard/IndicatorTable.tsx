import { Badge, BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { IndicatorView } from "~/home/dashboard.server";
import { useLocale } from "~/i18n/react";
import { ScrollableTable } from "~/components/a11y";

/** Every indicator of METRICS.md with both comparisons. */
export function IndicatorTable({
  indicators,
  previousLabel,
  yearEarlierLabel,
}: {
  indicators: IndicatorView[];
  previousLabel: string;
  yearEarlierLabel: string;
}) {
  const { t } = useLocale();
  const change = (text: string | null, tone: "success" | "critical" | undefined) => (text ? <Badge tone={tone}>{text}</Badge> : t("common.none"));
  return (
    <Card padding="0">
      <BlockStack>
        <div style={{ padding: "var(--p-space-400)" }}>
          <Text as="h2" variant="headingMd">
            {t("home.table.title")}
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {t("home.table.periods", { previous: previousLabel, yearEarlier: yearEarlierLabel })}
          </Text>
        </div>
        <ScrollableTable id="indicator-table" label={t("home.table.title")}>
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
            headings={[
              t("home.table.indicator"),
              t("home.table.thisPeriod"),
              t("home.table.previous"),
              t("home.table.change"),
              t("home.table.yearEarlier"),
              t("home.table.change"),
            ]}
            rows={indicators.map((indicator) => [
              indicator.label,
              indicator.display,
              indicator.previous.display,
              change(indicator.previous.text, indicator.previous.tone),
              indicator.yearEarlier.display,
              change(indicator.yearEarlier.text, indicator.yearEarlier.tone),
            ])}
          />
        </ScrollableTable>
      </BlockStack>
    </Card>
  );
}

import { Badge, BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { IndicatorView } from "~/home/dashboard.server";

/** Every indicator of METRICS.md with both comparisons. */
export function IndicatorTable({ indicators, previousLabel, yearEarlierLabel }: { indicators: IndicatorView[]; previousLabel: string; yearEarlierLabel: string }) {
  const change = (text: string | null, tone: "success" | "critical" | undefined) => (text ? <Badge tone={tone}>{text}</Badge> : "—");
  return (
    <Card padding="0">
      <BlockStack>
        <div style={{ padding: "var(--p-space-400)" }}>
          <Text as="h2" variant="headingMd">
            All indicators
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            Previous period: {previousLabel}. A year earlier: {yearEarlierLabel}.
          </Text>
        </div>
        <div id="indicator-table">
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
            headings={["Indicator", "This period", "Previous", "Change", "A year earlier", "Change"]}
            rows={indicators.map((indicator) => [
              indicator.label,
              indicator.display,
              indicator.previous.display,
              change(indicator.previous.text, indicator.previous.tone),
              indicator.yearEarlier.display,
              change(indicator.yearEarlier.text, indicator.yearEarlier.tone),
            ])}
          />
        </div>
      </BlockStack>
    </Card>
  );
}

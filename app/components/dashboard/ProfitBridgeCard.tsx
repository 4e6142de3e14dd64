import { BlockStack, Card, Text } from "@shopify/polaris";
import { BridgeTable } from "~/components/BridgeTable";
import type { ProfitBridgeView } from "~/home/dashboard.server";
import { useLocale } from "~/i18n/react";

/**
 * "What moved net profit": a bridge from gross profit through each cost family to net profit, as a
 * table (the figures in words for everyone) whose last column draws each step's effect on the change
 * as a bar, like "What moved net sales".
 */
export function ProfitBridgeCard({ bridge, previousLabel, periodLabel }: { bridge: ProfitBridgeView; previousLabel: string; periodLabel: string }) {
  const { t } = useLocale();
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            {bridge.title}
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {bridge.summary}
          </Text>
        </BlockStack>
        <BridgeTable
          id="profit-bridge"
          label={bridge.title}
          caption={t("home.profitBridge.caption")}
          headings={[t("home.profitBridge.step"), previousLabel, periodLabel, t("home.profitBridge.effect")]}
          rows={bridge.rows.map((row) => ({
            ...row,
            note: row.coverage,
            bold: row.key === "gross_profit" || row.key === "net_profit",
            bar: row.key !== "net_profit",
          }))}
        />
      </BlockStack>
    </Card>
  );
}

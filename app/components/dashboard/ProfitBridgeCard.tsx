import { BlockStack, Card, Text } from "@shopify/polaris";
import type { ProfitBridgeRow, ProfitBridgeView } from "~/home/dashboard.server";
import { useLocale } from "~/i18n/react";

const BAR_COLOURS = { critical: "var(--p-color-bg-fill-critical)", success: "var(--p-color-bg-fill-success)" } as const;

/** A step's effect drawn as a bar from the middle (left: took profit away, right: added), beside its figure in words. */
function EffectBar({ row }: { row: ProfitBridgeRow }) {
  const width = `${Math.max(1, Math.round(row.share * 50))}%`;
  const left = row.tone === "critical" || (row.effect ?? "").startsWith("−");
  return (
    <div aria-hidden="true" style={{ position: "relative", height: 6, minWidth: 80, background: "var(--p-color-bg-surface-secondary)", borderRadius: 4 }}>
      <div
        style={{
          position: "absolute",
          top: 0,
          height: 6,
          borderRadius: 4,
          width,
          ...(left ? { right: "50%" } : { left: "50%" }),
          background: row.tone ? BAR_COLOURS[row.tone] : "var(--p-color-border)",
        }}
      />
    </div>
  );
}

/**
 * "What moved net profit": a bridge from gross profit through each cost family to net profit, as a
 * table (the figures in words for everyone) whose last column draws each step's effect on the change
 * as a bar, like "What moved net sales".
 */
export function ProfitBridgeCard({ bridge, previousLabel, periodLabel }: { bridge: ProfitBridgeView; previousLabel: string; periodLabel: string }) {
  const { t } = useLocale();
  const cell = { padding: "6px 8px", verticalAlign: "top" } as const;
  const figure = { ...cell, textAlign: "right", whiteSpace: "nowrap" } as const;
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
        <div style={{ overflowX: "auto" }} role="region" aria-label={bridge.title} tabIndex={0} id="profit-bridge">
          <table style={{ borderCollapse: "collapse", width: "100%" }}>
            <caption style={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)" }}>{t("home.profitBridge.caption")}</caption>
            <thead>
              <tr>
                <th scope="col" style={{ ...cell, textAlign: "left" }}>
                  {t("home.profitBridge.step")}
                </th>
                <th scope="col" style={figure}>
                  {previousLabel}
                </th>
                <th scope="col" style={figure}>
                  {periodLabel}
                </th>
                <th scope="col" style={figure}>
                  {t("home.profitBridge.effect")}
                </th>
              </tr>
            </thead>
            <tbody>
              {bridge.rows.map((row) => {
                const total = row.key === "gross_profit" || row.key === "net_profit";
                return (
                  <tr key={row.key} style={{ borderTop: "1px solid var(--p-color-border-secondary)" }} data-step={row.key}>
                    <th scope="row" style={{ ...cell, textAlign: "left", fontWeight: total ? 650 : 450 }}>
                      <BlockStack gap="050">
                        <span>{row.label}</span>
                        {row.coverage ? (
                          <Text as="span" variant="bodySm" tone="subdued">
                            {row.coverage}
                          </Text>
                        ) : null}
                      </BlockStack>
                    </th>
                    <td style={figure}>{row.previous}</td>
                    <td style={{ ...figure, fontWeight: total ? 650 : 450 }}>{row.current}</td>
                    <td style={figure}>
                      <BlockStack gap="100">
                        <Text as="span" variant="bodySm" tone={row.tone} fontWeight="semibold">
                          {row.effect}
                        </Text>
                        {row.key === "net_profit" ? null : <EffectBar row={row} />}
                      </BlockStack>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </BlockStack>
    </Card>
  );
}

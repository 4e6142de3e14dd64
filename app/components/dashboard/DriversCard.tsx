import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import type { DriverView } from "~/home/dashboard.server";

/** "What moved this number": each factor's share of the change, largest bar = largest effect. */
export function DriversCard({ driver }: { driver: DriverView }) {
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            {driver.title}
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {driver.summary}
          </Text>
        </BlockStack>
        <BlockStack gap="200">
          {driver.effects.map((effect) => (
            <BlockStack gap="100" key={effect.label}>
              <InlineStack align="space-between">
                <Text as="span" variant="bodySm">
                  {effect.label}
                </Text>
                <Text as="span" variant="bodySm" tone={effect.tone} fontWeight="semibold">
                  {effect.display}
                </Text>
              </InlineStack>
              <div style={{ background: "var(--p-color-bg-surface-secondary)", borderRadius: 4, height: 6 }}>
                <div
                  style={{
                    width: `${Math.max(2, Math.round(effect.share * 100))}%`,
                    height: 6,
                    borderRadius: 4,
                    background:
                      effect.tone === "critical"
                        ? "var(--p-color-bg-fill-critical)"
                        : effect.tone === "success"
                          ? "var(--p-color-bg-fill-success)"
                          : "var(--p-color-border)",
                  }}
                />
              </div>
            </BlockStack>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

import { Link } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { useLocale } from "~/i18n/react";
import type { TargetCard } from "~/strategy/target-card.server";

/** The targets running today, with their pacing; the Targets page has the rest. */
export function TargetsCard({ targets }: { targets: TargetCard[] }) {
  const { t } = useLocale();
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            {t("home.targets.title")}
          </Text>
          <Link to="/app/targets">{t("home.targets.all")}</Link>
        </InlineStack>
        {targets.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("home.targets.none")}
          </Text>
        ) : null}
        {targets.map((target) => (
          <BlockStack gap="100" key={target.id}>
            <InlineStack gap="200" blockAlign="center">
              <Text as="span" fontWeight="semibold">
                {target.title}
              </Text>
              <Badge tone={target.statusTone}>{target.statusLabel}</Badge>
              <Text as="span" tone="subdued" variant="bodySm">
                {target.period}
              </Text>
            </InlineStack>
            <ProgressBar
              progress={target.progress}
              size="small"
              tone={target.statusTone === "critical" ? "critical" : target.statusTone === "success" ? "success" : "highlight"}
            />
            <Text as="p" variant="bodySm" tone="subdued">
              {target.figures}
            </Text>
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}

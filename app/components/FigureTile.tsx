import { Badge, BlockStack, InlineStack, Text } from "@shopify/polaris";
import { useLocale } from "~/i18n/react";

/** One figure as a tile: its name, the value, and how it compares (a badge with the change, and against what). */
export function FigureTile({
  id,
  label,
  display,
  change,
  tone,
  against,
}: {
  id: string;
  label: string;
  display: string;
  change: string | null;
  tone: "success" | "critical" | undefined;
  against: string;
}) {
  const { t } = useLocale();
  return (
    <BlockStack gap="100">
      <Text as="span" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingLg" id={id}>
        {display}
      </Text>
      <InlineStack gap="100" blockAlign="center">
        {change ? <Badge tone={tone}>{change}</Badge> : <Badge>{t("common.notAvailable")}</Badge>}
        <Text as="span" variant="bodySm" tone="subdued">
          {against}
        </Text>
      </InlineStack>
    </BlockStack>
  );
}

import { Badge, BlockStack, InlineStack, Text } from "@shopify/polaris";
import { FittedFigure } from "./FittedFigure";

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
  return (
    <BlockStack gap="100">
      <Text as="span" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <FittedFigure variant="headingLg" id={id} text={display} />
      <InlineStack gap="100" blockAlign="center">
        {/* Without a change to give (nothing to compare with), no badge: "against" says what it was. */}
        {change ? <Badge tone={tone}>{change}</Badge> : null}
        <Text as="span" variant="bodySm" tone="subdued">
          {against}
        </Text>
      </InlineStack>
    </BlockStack>
  );
}

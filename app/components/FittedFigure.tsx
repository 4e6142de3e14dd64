import { Text } from "@shopify/polaris";

/**
 * Widest share of the font size a character of a figure takes (bold digits, "US$", separators), in
 * Latin and in the Chinese font alike: measured near 0.62, with a margin.
 */
const CHARACTER_WIDTH_EM = 0.6;

/**
 * A figure in large type on one line that shrinks to fit its card rather than being cut off: in a
 * quarter of a 1280 px page, "US$3,107,169.10" (Chinese formats name the dollar) runs past the card at
 * the heading's size. The type keeps the heading's size when it fits (container query units).
 */
export function FittedFigure({ id, text, variant }: { id: string; text: string; variant: "heading2xl" | "headingLg" }) {
  const fitted = `${(100 / (CHARACTER_WIDTH_EM * Math.max(text.length, 1))).toFixed(2)}cqi`;
  return (
    <div style={{ containerType: "inline-size" }}>
      <Text as="p" variant={variant} id={id}>
        <span style={{ fontSize: `min(1em, ${fitted})`, whiteSpace: "nowrap" }}>{text}</span>
      </Text>
    </div>
  );
}

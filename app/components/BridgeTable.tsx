import { BlockStack, Text } from "@shopify/polaris";
import { RegionTable } from "~/components/RegionTable";
import type { Tone } from "~/indicators/format";

const BAR_COLOURS = { critical: "var(--p-color-bg-fill-critical)", success: "var(--p-color-bg-fill-success)" } as const;

/** A line of a bridge: its figure in both periods and its effect on the change. */
export interface BridgeTableRow {
  /** Names the row (`data-step`). */
  key: string;
  label: string;
  /** A line under the label (how much of a cost family is known), or null. */
  note?: string | null;
  previous: string;
  current: string;
  effect: string | null;
  tone: Tone;
  /** |effect| against the largest one, for the bar. */
  share: number;
  /** A total's row is bold; a row without a bar is the change itself. */
  bold: boolean;
  bar: boolean;
}

/** An effect drawn as a bar from the middle (left: took away, right: added), beside its figure in words; hidden from screen readers. */
function EffectBar({ row }: { row: BridgeTableRow }) {
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
 * A bridge from one figure to another as a table (the figures in words for everyone, a caption for
 * screen readers, scrolling sideways in a named region on a phone) whose last column draws each
 * row's effect as a bar.
 */
export function BridgeTable({
  id,
  label,
  caption,
  headings,
  rows,
}: {
  id: string;
  label: string;
  caption: string;
  /** The first column's, the earlier period's, the later period's and the effect's. */
  headings: [string, string, string, string];
  rows: BridgeTableRow[];
}) {
  const weight = (row: BridgeTableRow) => (row.bold ? 650 : 450);
  const figure = (row: BridgeTableRow, value: string, bold = false) => (
    <span style={{ whiteSpace: "nowrap", fontWeight: bold ? weight(row) : undefined }}>{value}</span>
  );
  return (
    <RegionTable
      id={id}
      label={label}
      caption={caption}
      headings={headings}
      numeric={[false, true, true, true]}
      rows={rows.map((row) => ({
        key: row.key,
        step: row.key,
        cells: [
          <BlockStack gap="050" key="label">
            <span style={{ fontWeight: weight(row) }}>{row.label}</span>
            {row.note ? (
              <Text as="span" variant="bodySm" tone="subdued">
                {row.note}
              </Text>
            ) : null}
          </BlockStack>,
          figure(row, row.previous),
          figure(row, row.current, true),
          <BlockStack gap="100" key="effect">
            <Text as="span" variant="bodySm" tone={row.tone} fontWeight="semibold">
              {row.effect}
            </Text>
            {row.bar ? <EffectBar row={row} /> : null}
          </BlockStack>,
        ],
      }))}
    />
  );
}

import type { ReactNode } from "react";

const cell = { padding: "var(--p-space-200) var(--p-space-300)", verticalAlign: "top" } as const;

/**
 * A table that may be wider than a phone: it scrolls sideways inside a region keyboard users can
 * reach and screen readers name (axe's scrollable-region-focusable), the first column as row headers,
 * with a caption for screen readers when given.
 */
export function RegionTable({
  label,
  headings,
  numeric,
  rows,
  id,
  caption,
}: {
  label: string;
  headings: string[];
  /** Which columns hold figures (aligned to the end). */
  numeric: boolean[];
  /** `step` names the row (`data-step`) for tests. */
  rows: { key: string; cells: ReactNode[]; step?: string }[];
  id?: string;
  caption?: string;
}) {
  const align = (index: number): "right" | "left" => (numeric[index] ? "right" : "left");
  return (
    <div style={{ overflowX: "auto" }} role="region" aria-label={label} tabIndex={0} id={id}>
      <table style={{ borderCollapse: "collapse", width: "100%" }}>
        {caption ? <caption style={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)" }}>{caption}</caption> : null}
        <thead>
          <tr>
            {headings.map((heading, index) => (
              <th key={index} scope="col" style={{ ...cell, textAlign: align(index), whiteSpace: "nowrap" }}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} style={{ borderTop: "1px solid var(--p-color-border-secondary)" }} data-step={row.step}>
              {row.cells.map((content, index) =>
                index === 0 ? (
                  <th key={index} scope="row" style={{ ...cell, textAlign: "left", fontWeight: 450 }}>
                    {content}
                  </th>
                ) : (
                  <td key={index} style={{ ...cell, textAlign: align(index) }}>
                    {content}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { useMemo, useState } from "react";
import type { ProductRow } from "~/home/dashboard.server";
import { formatValue } from "~/indicators/format";

const COLUMNS: { label: string; sort: (row: ProductRow) => number | string }[] = [
  { label: "Product", sort: (row) => row.title.toLowerCase() },
  { label: "Units", sort: (row) => row.units },
  { label: "Net sales", sort: (row) => row.netSales },
  { label: "Gross margin", sort: (row) => row.grossMargin ?? -Infinity },
  { label: "Orders", sort: (row) => row.orders },
  { label: "Attach rate", sort: (row) => row.attachRate ?? -Infinity },
  { label: "Attraction rate", sort: (row) => row.attractionRate ?? -Infinity },
];
const SHOWN = 50;

/** Per-product figures, sortable by any column; margin comes with the share of sales whose cost is known. */
export function ProductTable({ products, currency }: { products: ProductRow[]; currency: string }) {
  const [sort, setSort] = useState<{ column: number; direction: "ascending" | "descending" }>({ column: 2, direction: "descending" });
  const sorted = useMemo(() => {
    const by = COLUMNS[sort.column]!.sort;
    return [...products].sort((a, b) => {
      const [x, y] = [by(a), by(b)];
      const order = x < y ? -1 : x > y ? 1 : 0;
      return sort.direction === "ascending" ? order : -order;
    });
  }, [products, sort]);
  const percent = (value: number | null) => formatValue("ratio", value, currency);
  return (
    <Card padding="0">
      <BlockStack gap="0">
        <div style={{ padding: "var(--p-space-400)" }}>
          <Text as="h2" variant="headingMd">
            Products
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            Attach rate: share of the period's orders that hold the product. Attraction rate: share of new customers whose first order held it.
          </Text>
        </div>
        <div id="product-table">
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"]}
            headings={COLUMNS.map((column) => column.label)}
            sortable={COLUMNS.map(() => true)}
            defaultSortDirection="descending"
            initialSortColumnIndex={2}
            onSort={(column, direction) => setSort({ column, direction: direction === "ascending" ? "ascending" : "descending" })}
            rows={sorted.slice(0, SHOWN).map((row) => [
              row.title,
              formatValue("count", row.units, currency),
              formatValue("money", row.netSales, currency),
              row.grossMargin === null ? `— (cost ${percent(row.costCoverage)})` : `${percent(row.grossMargin)} (cost ${percent(row.costCoverage)})`,
              formatValue("count", row.orders, currency),
              percent(row.attachRate),
              percent(row.attractionRate),
            ])}
            footerContent={products.length > SHOWN ? `Showing ${SHOWN} of ${products.length} products: export the CSV for all of them.` : `${products.length} products`}
          />
        </div>
      </BlockStack>
    </Card>
  );
}

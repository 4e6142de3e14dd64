import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { Fragment, useMemo, useState } from "react";
import type { ProductRow } from "~/home/dashboard.server";
import { formatValue } from "~/indicators/format";
import { useLocale } from "~/i18n/react";
import { ScrollableTable } from "~/components/a11y";

const COLUMNS = [
  { label: "product", sort: (row: ProductRow) => row.title.toLowerCase() },
  { label: "units", sort: (row: ProductRow) => row.units },
  { label: "netSales", sort: (row: ProductRow) => row.netSales },
  { label: "grossMargin", sort: (row: ProductRow) => row.grossMargin ?? -Infinity },
  { label: "costCoverage", sort: (row: ProductRow) => row.costCoverage ?? -Infinity },
  { label: "orders", sort: (row: ProductRow) => row.orders },
  { label: "attachRate", sort: (row: ProductRow) => row.attachRate ?? -Infinity },
  { label: "attractionRate", sort: (row: ProductRow) => row.attractionRate ?? -Infinity },
] as const;
const SHOWN = 50;

/**
 * Per-product figures, sortable by any column. Margin counts only sales whose cost is known, so the
 * share of the product's sales that is comes in its own column, named as what it is.
 */
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
  const { t, locale } = useLocale();
  // What choosing a column does, as Polaris does it: the sorted one turns around, another sorts from the highest.
  const nextDirection = (column: number) => (column !== sort.column ? "descending" : sort.direction === "ascending" ? "descending" : "ascending");
  const percent = (value: number | null) => formatValue("ratio", value, currency, locale);
  return (
    <Card padding="0">
      <BlockStack gap="0">
        <div style={{ padding: "var(--p-space-400)" }}>
          <Text as="h2" variant="headingMd">
            {t("home.products.title")}
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {t("home.products.note")}
          </Text>
        </div>
        <ScrollableTable id="product-table" label={t("home.products.title")}>
          <DataTable
            columnContentTypes={["text", ...COLUMNS.slice(1).map(() => "numeric" as const)]}
            headings={COLUMNS.map((column, index) => (
              // The sort button's hint, in the reader's words (Polaris's own puts English into every language: i18n/polaris.ts).
              <Fragment key={column.label}>
                {t(`home.products.${column.label}`)}
                <Text as="span" visuallyHidden>
                  {t("home.products.sortHint", { direction: t(`home.products.sortDirection.${nextDirection(index)}`) })}
                </Text>
              </Fragment>
            ))}
            sortable={COLUMNS.map(() => true)}
            defaultSortDirection="descending"
            initialSortColumnIndex={2}
            onSort={(column, direction) => setSort({ column, direction: direction === "ascending" ? "ascending" : "descending" })}
            rows={sorted
              .slice(0, SHOWN)
              .map((row) => [
                row.title,
                formatValue("count", row.units, currency, locale),
                formatValue("money", row.netSales, currency, locale),
                percent(row.grossMargin),
                percent(row.costCoverage),
                formatValue("count", row.orders, currency, locale),
                percent(row.attachRate),
                percent(row.attractionRate),
              ])}
            footerContent={
              products.length > SHOWN
                ? t("home.products.showing", { shown: SHOWN, total: products.length })
                : t("home.products.count", { count: products.length })
            }
          />
        </ScrollableTable>
      </BlockStack>
    </Card>
  );
}

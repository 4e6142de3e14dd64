import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";
import { describe, expect, it } from "vitest";
import { BULK_ORDERS_QUERY, BULK_PRODUCTS_QUERY } from "~/sync/bulk/bulk-documents";
import { ORDER_LINE_ITEMS_PAGE, ORDER_TRANSACTIONS, ORDERS_PAGE, PRODUCT_VARIANTS_PAGE, PRODUCTS_PAGE } from "~/sync/sync-documents";

// The first copy of a store (a bulk export) and every later one (paged queries) must read the same
// fields, or a shop's data would depend on how it was copied. The two are written out in full on
// purpose: codegen types a paged query by its literal text, so they can't be built from shared
// pieces. This test holds them in step instead: it compares the fields each reads, as paths, with a
// connection's `edges { node }` (bulk) and `nodes` (paged) read alike, and pageInfo left out.

/** Every leaf field a selection reads, as a dotted path; fragments expanded, connections' shapes made one. */
function fieldPaths(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, prefix = ""): string[] {
  if (!selectionSet) return [prefix];
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FRAGMENT_SPREAD) return fieldPaths(fragments.get(selection.name.value)!.selectionSet, fragments, prefix);
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldPaths(selection.selectionSet, fragments, prefix);
    const name = selection.name.value;
    if (name === "pageInfo") return [];
    // edges { node { … } } and nodes { … } are the same connection read two ways.
    if (name === "edges") {
      const node = selection.selectionSet?.selections.find((inner): inner is FieldNode => inner.kind === Kind.FIELD && inner.name.value === "node");
      return fieldPaths(node?.selectionSet, fragments, prefix);
    }
    if (name === "nodes") return fieldPaths(selection.selectionSet, fragments, prefix);
    return fieldPaths(selection.selectionSet, fragments, prefix ? `${prefix}.${name}` : name);
  });
}

/** The fields a document reads below `root` (its top-level connection or object). */
function fieldsOf(document: string, root: string): string[] {
  const parsed = parse(document);
  const fragments = new Map(parsed.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operation = parsed.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  const paths = fieldPaths(operation.selectionSet, fragments);
  return paths
    .filter((path) => path.startsWith(`${root}.`))
    .map((path) => path.slice(root.length + 1))
    .sort();
}

const under = (paths: string[], prefix: string) => paths.filter((path) => path.startsWith(`${prefix}.`)).map((path) => path.slice(prefix.length + 1));
const without = (paths: string[], prefix: string) => paths.filter((path) => !path.startsWith(`${prefix}.`));

describe("the bulk export and the paged sync read the same fields", () => {
  it("GIVEN the products THEN both read each product's and each variant's fields alike", () => {
    const bulk = fieldsOf(BULK_PRODUCTS_QUERY, "products");
    const paged = fieldsOf(PRODUCTS_PAGE, "products");
    expect(bulk).toEqual(paged);
    // A product of more variants than the first page reads the rest with the same fields.
    expect(fieldsOf(PRODUCT_VARIANTS_PAGE, "product")).toEqual(under(paged, "variants").map((path) => `variants.${path}`));
  });

  it("GIVEN the orders THEN both read each order's, refund's, line's and transaction's fields alike, but for the lines' unit costs, which the export reads with the line", () => {
    const bulk = fieldsOf(BULK_ORDERS_QUERY, "orders");
    const paged = fieldsOf(ORDERS_PAGE, "orders");
    // The order's own fields and its refunds.
    expect(without(bulk, "lineItems")).toEqual(
      // The export reads refunds' lines afterwards, by id (REFUND_LINES): a connection can't sit inside a list in a bulk query.
      without(without(paged, "lineItems"), "refunds.refundLineItems"),
    );
    // The lines: a line keeps the unit cost it had when first seen. The export reads it with the line (its
    // variant's cost at the time of the export); the paged sync takes it from the variant it has stored.
    expect(under(bulk, "lineItems").filter((path) => !path.startsWith("variant.inventoryItem."))).toEqual(under(paged, "lineItems"));
    // An order of more lines than the first page reads the rest with the same fields.
    expect(fieldsOf(ORDER_LINE_ITEMS_PAGE, "order")).toEqual(under(paged, "lineItems").map((path) => `lineItems.${path}`));
    // And one of more transactions reads them all with the same fields (its shipping country and payments are read by both).
    expect(fieldsOf(ORDER_TRANSACTIONS, "order")).toEqual(under(paged, "transactions").map((path) => `transactions.${path}`));
    expect(under(bulk, "transactions")).toEqual(["amountSet.shopMoney.amount", "fees.amount.amount", "gateway", "id", "kind", "processedAt", "status", "test"]);
    expect(bulk).toContain("shippingAddress.countryCodeV2");
  });

  it("GIVEN a field read by one side only THEN the comparison sees it, so the checks above can fail", () => {
    const bulk = fieldsOf(BULK_PRODUCTS_QUERY.replace("vendor", "vendor\n          descriptionHtml"), "products");
    expect(bulk).not.toEqual(fieldsOf(PRODUCTS_PAGE, "products"));
    expect(bulk.filter((path) => !fieldsOf(PRODUCTS_PAGE, "products").includes(path))).toEqual(["descriptionHtml"]);
  });
});

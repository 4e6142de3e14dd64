// A subset of Shopify's search syntax for `query:` arguments: `field:value`, `field:>value`,
// `>=`, `<`, `<=`, terms joined by spaces or AND. Unknown fields are ignored, as Shopify does.

export type Comparison = ">" | ">=" | "<" | "<=" | "=";
export interface SearchTerm {
  field: string;
  op: Comparison;
  value: string;
}

const TERM = /([a-z_]+):(>=|<=|>|<)?\s*("[^"]*"|'[^']*'|\S+)/gi;

export function parseSearchQuery(query: string): SearchTerm[] {
  return [...query.matchAll(TERM)].map((match) => ({
    field: (match[1] ?? "").toLowerCase(),
    op: (match[2] as Comparison | undefined) ?? "=",
    value: (match[3] ?? "").replace(/^["']|["']$/g, ""),
  }));
}

const TIMESTAMP_FIELDS: Record<string, string> = { updated_at: "updatedAt", created_at: "createdAt", processed_at: "processedAt" };

function compare(a: number, op: Comparison, b: number): boolean {
  switch (op) {
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    default:
      return a === b;
  }
}

const numericId = (id: unknown) => Number(String(id).split("/").pop());

/** A predicate for the supported fields; unsupported ones match everything. */
export function searchPredicate(query: string | null | undefined): (record: Record<string, unknown>) => boolean {
  if (!query?.trim()) return () => true;
  const checks = parseSearchQuery(query).flatMap((term) => {
    const timestampField = TIMESTAMP_FIELDS[term.field];
    if (timestampField) {
      const bound = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(term.value) ? `${term.value}T00:00:00Z` : term.value);
      if (Number.isNaN(bound)) return [];
      return [
        (record: Record<string, unknown>) =>
          typeof record[timestampField] === "string" && compare(Date.parse(record[timestampField] as string), term.op, bound),
      ];
    }
    if (term.field === "id") return [(record: Record<string, unknown>) => compare(numericId(record.id), term.op, Number(term.value))];
    if (term.field === "test") return [(record: Record<string, unknown>) => String(record.test ?? false) === term.value.toLowerCase()];
    return [];
  });
  return (record) => checks.every((check) => check(record));
}

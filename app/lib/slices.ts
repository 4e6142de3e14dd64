/**
 * Ids bound into one `IN (…)` list: SQLite refuses a statement with more than 999 parameters in its
 * older builds (Prisma's SQLite driver among them), so a list of thousands is asked in slices.
 */
export const IDS_PER_QUERY = 500;

/** The list cut into slices of at most `size`. */
export function slices<T>(items: T[], size = IDS_PER_QUERY): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

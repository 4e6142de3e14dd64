/**
 * Promotions by the thousand, on the database's own driver: written at once (a spreadsheet import of
 * up to 10,000 rows of up to 250 codes each: multi-row INSERTs in one transaction, all or none), and
 * read as the few columns a page's lists and counts need. Through Prisma, 10,000 rows of 20 codes took
 * 20 s and 830 MB to write (its createMany holds every row of a batch as query parameters in its query
 * compiler, 200,000 code rows among them), and reading 10,000 rows' few columns took 150-250 ms a page.
 */
import { insertRows, sqlExecutor, type SqlRow, type SqlRunner, type SqlValue } from "~/lib/sql-executor.server";

/** A promotion's row as stored (Promotion's columns a new one is written with). */
export interface PromotionRow {
  shop: string;
  title: string;
  type: string;
  channel: string | null;
  ownerId: string;
  ownerName: string;
  start: string;
  end: string;
  startsAt: Date | null;
  endsBefore: Date | null;
  windowZone: string | null;
  budget: bigint | null;
  spend: bigint;
  utmCampaign: string | null;
  utmLower: string | null;
  tactic: string | null;
  tacticUse: string | null;
  indicator: string | null;
  hypothesis: string | null;
  expectedChange: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = [
  "shop",
  "title",
  "type",
  "channel",
  "ownerId",
  "ownerName",
  "start",
  "end",
  "startsAt",
  "endsBefore",
  "windowZone",
  "budget",
  "spend",
  "utmCampaign",
  "utmLower",
  "tactic",
  "tacticUse",
  "indicator",
  "hypothesis",
  "expectedChange",
  "createdBy",
  "createdAt",
  "updatedAt",
] as const satisfies readonly (keyof PromotionRow)[];

/** The columns that tell two new promotions apart: rows equal in all of them are interchangeable. */
const KEY = ["title", "type", "channel", "start", "end", "budget", "spend", "utmCampaign", "indicator", "hypothesis", "expectedChange", "ownerId"] as const;
const keyOf = (values: readonly unknown[]) => JSON.stringify(values.map((value) => (value === null || value === undefined ? null : String(value))));

/** Rows a statement writes: 23 columns × 200 stays well under both databases' parameter limits. */
const PROMOTIONS_PER_STATEMENT = 200;
const LINKS_PER_STATEMENT = 1000;

const tuple = (width: number) => `(${Array(width).fill("?").join(", ")})`;
const promotionInsert = (count: number) =>
  `INSERT INTO "Promotion" (${COLUMNS.map((column) => `"${column}"`).join(", ")}) VALUES ${Array(count).fill(tuple(COLUMNS.length)).join(", ")}
   RETURNING "id", ${KEY.map((column) => `"${column}"`).join(", ")}`;
const codeInsert = (count: number) =>
  `INSERT INTO "PromotionCode" ("shop", "promotionId", "code", "codeLower") VALUES ${Array(count).fill(tuple(4)).join(", ")}`;
const productInsert = (count: number) => `INSERT INTO "PromotionProduct" ("shop", "promotionId", "productId") VALUES ${Array(count).fill(tuple(3)).join(", ")}`;

/** Writes the rows with their codes and products in one transaction; returns the new ids in the rows' order. */
export async function insertPromotionRows(url: string, rows: { row: PromotionRow; codes: string[]; productIds: string[] }[]): Promise<number[]> {
  return sqlExecutor(url).transaction(async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < rows.length; i += PROMOTIONS_PER_STATEMENT) ids.push(...(await insertBatch(tx, rows.slice(i, i + PROMOTIONS_PER_STATEMENT))));
    const codes: SqlValue[][] = [];
    const products: SqlValue[][] = [];
    rows.forEach(({ row, codes: rowCodes, productIds }, index) => {
      for (const code of rowCodes) codes.push([row.shop, ids[index]!, code, code.toLowerCase()]);
      for (const productId of productIds) products.push([row.shop, ids[index]!, productId]);
    });
    await insertRows(tx, codes, LINKS_PER_STATEMENT, codeInsert);
    await insertRows(tx, products, LINKS_PER_STATEMENT, productInsert);
    return ids;
  });
}

async function insertBatch(tx: SqlRunner, batch: { row: PromotionRow }[]): Promise<number[]> {
  const returned = await tx.all(
    promotionInsert(batch.length),
    batch.flatMap(({ row }) => COLUMNS.map((column) => row[column])),
  );
  // RETURNING promises no order: each returned id goes to a row of the batch with the same columns
  // (rows equal in every column are interchangeable, so which gets which codes is the same).
  const byKey = new Map<string, number[]>();
  for (const [id, ...key] of returned) (byKey.get(keyOf(key)) ?? byKey.set(keyOf(key), []).get(keyOf(key))!).push(Number(id));
  return batch.map(({ row }) => {
    const id = byKey.get(keyOf(KEY.map((column) => row[column])))?.shift();
    if (id === undefined) throw new Error("A promotion written in a batch was not returned by the database.");
    return id;
  });
}

/** A promotion as a page's lists and counts read it. */
export interface ListedPromotion {
  id: number;
  title: string;
  type: string;
  start: string;
  end: string;
  verdict: string | null;
  indicator: string | null;
  reviewedAt: Date | null;
}

const LISTED = `"id", "title", "type", "start", "end", "verdict", "indicator", "reviewedAt"`;
const listed = (row: SqlRow): ListedPromotion => ({
  id: Number(row[0]),
  title: row[1] as string,
  type: row[2] as string,
  start: row[3] as string,
  end: row[4] as string,
  verdict: row[5] as string | null,
  indicator: row[6] as string | null,
  reviewedAt: row[7] === null ? null : new Date(row[7] as string),
});

/**
 * The shop's promotions, latest start first, as a page lists them: live ones (optionally only those
 * overlapping the local days [from, to], or ended before `unreviewedBefore` without a verdict, or
 * without one given before the instant `reviewedBefore` when asked as of then), or archived ones.
 */
export async function listedPromotions(
  url: string,
  shop: string,
  which: { archived: true } | { archived: false; overlapping?: { from: string; to: string }; unreviewedBefore?: string; reviewedBefore?: Date },
): Promise<ListedPromotion[]> {
  const conditions = [`"shop" = ?`, which.archived ? `"archivedAt" IS NOT NULL` : `"archivedAt" IS NULL`];
  const params: SqlValue[] = [shop];
  if (!which.archived && which.overlapping) {
    conditions.push(`"start" <= ?`, `"end" >= ?`);
    params.push(which.overlapping.to, which.overlapping.from);
  }
  if (!which.archived && which.unreviewedBefore) {
    if (which.reviewedBefore) {
      conditions.push(`("verdict" IS NULL OR "reviewedAt" >= ?)`, `"end" < ?`);
      params.push(which.reviewedBefore, which.unreviewedBefore);
    } else {
      conditions.push(`"verdict" IS NULL`, `"end" < ?`);
      params.push(which.unreviewedBefore);
    }
  }
  const rows = await sqlExecutor(url).all(`SELECT ${LISTED} FROM "Promotion" WHERE ${conditions.join(" AND ")} ORDER BY "start" DESC, "id" DESC`, params);
  return rows.map(listed);
}

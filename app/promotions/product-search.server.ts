/**
 * Finding products to link to a promotion by title, in any case and wherever the words appear.
 * Titles are compared in JavaScript (locale-aware lower case) so SQLite and PostgreSQL answer alike.
 */
import type { PrismaClient } from "@prisma/client";

const LIMIT = 20;
/** Titles scanned per search; a catalogue larger than this is searched in its first titles. */
const SCAN = 10_000;

export async function searchProducts(db: PrismaClient, shop: string, query: string): Promise<{ id: string; title: string }[]> {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  const products = await db.product.findMany({ where: { shop }, select: { id: true, title: true }, orderBy: { title: "asc" }, take: SCAN });
  return products.filter((product) => words.every((word) => product.title.toLocaleLowerCase().includes(word))).slice(0, LIMIT);
}

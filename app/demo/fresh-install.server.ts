/**
 * `npm run demo -- --no-examples` is a fresh install: the demo shop as if it installed the app for
 * the first time. A database a normal demo already filled holds that shop's copy, its example goal,
 * promotions and signed-off weeks: they are erased first, as shop/redact erases a shop (every table,
 * every job), so the fresh install starts from nothing instead of claiming to while reusing it all.
 */
import type { PrismaClient } from "@prisma/client";
import { createJobQueue } from "~/jobs/jobs.server";
import { eraseShop } from "~/privacy/compliance.server";

/** Erases everything the database holds of the shop; whether it held anything. */
export async function eraseForFreshInstall(db: PrismaClient, shop: string): Promise<boolean> {
  const held = (await db.shop.count({ where: { shop } })) > 0 || (await db.session.count({ where: { shop } })) > 0;
  if (!held) return false;
  const queue = createJobQueue(db);
  try {
    await db.$transaction((tx) => eraseShop(tx, shop, queue), { timeout: 120_000 });
  } finally {
    await queue.stop();
  }
  return true;
}

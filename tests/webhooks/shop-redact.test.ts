import { existsSync, readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { databaseKind } from "~/lib/database-kind";
import { databaseUrl } from "~/lib/database-url";
import { jobQueue, taskJob } from "~/jobs/jobs.server";
import { JOB } from "~/jobs/names";
import { SHOP_ERASURE } from "~/privacy/compliance.server";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { db, resetDatabase } from "../helpers/database";
import { storeJob } from "../helpers/jobs";
import { deliver, signedWebhookRequest } from "../helpers/webhook-request";
import { rowsOfShop, schemaModels, seededShopId, seedEveryTable } from "./every-table";

const SAMPLE = "sample-store.myshopify.com";
const OTHER = "other-store.myshopify.com";

/**
 * A shop's jobs where the database's queue keeps them (pg-boss's tables on PostgreSQL, beyond
 * Prisma's schema): a sync waiting, a webhook task with its payload, and one failed for good.
 */
async function queueJobsOf(shop: string) {
  const queue = jobQueue(db);
  await queue.enqueue({ name: JOB.sync, data: { shop } });
  await queue.enqueue(
    taskJob({ shop, kind: "order", resourceId: "gid://shopify/Order/1", payload: JSON.stringify({ email: "buyer@example.com" }) }, new Date()),
  );
  const task = taskJob({ shop, kind: "order", resourceId: "gid://shopify/Order/2", payload: JSON.stringify({ email: "other@example.com" }) }, new Date());
  await storeJob(db, { ...task, shop, state: "failed", attempts: 8, lastError: "HTTP 503 from Shopify", finishedAt: new Date() });
}
const jobsOf = async (shop: string) =>
  (await jobQueue(db).list({ shop })).map((job) => ({ id: job.id, name: job.name, state: job.state, data: job.data })).sort((a, b) => a.id.localeCompare(b.id));

/** What app/uninstalled leaves: no offline session (a staff member's online one may linger; erasure takes it too). */
async function uninstall(shop: string) {
  await db.session.deleteMany({ where: { shop } });
  await db.session.create({ data: { id: `online_${shop}`, shop, state: "s", isOnline: true, scope: "read_orders", accessToken: "sealed" } });
}

const redact = (payloadShop: string, headerShop: string, webhookId?: string) =>
  deliver(
    shopRedact,
    signedWebhookRequest({
      path: "/webhooks/shop/redact",
      topic: "shop/redact",
      shop: headerShop,
      payload: { shop_id: Number(seededShopId(payloadShop.toLowerCase())), shop_domain: payloadShop },
      ...(webhookId ? { webhookId } : {}),
    }),
  );

describe("shop/redact", () => {
  beforeEach(async () => {
    await resetDatabase();
    await seedEveryTable(db, SAMPLE);
    await seedEveryTable(db, OTHER);
    await queueJobsOf(SAMPLE);
    await queueJobsOf(OTHER);
  });

  it("GIVEN the schema THEN every table is either erased by shop (and has a shop column) or listed as holding no shop data", () => {
    const models = schemaModels();
    const unclassified = models.map((model) => model.name).filter((name) => !(name in SHOP_ERASURE));
    expect(unclassified, "tables shop/redact doesn't know about: add them to SHOP_ERASURE").toEqual([]);
    const stale = Object.keys(SHOP_ERASURE).filter((name) => !models.some((model) => model.name === name));
    expect(stale, "SHOP_ERASURE names tables the schema no longer has").toEqual([]);
    const erasedWithoutShopColumn = models
      .filter((model) => SHOP_ERASURE[model.name as keyof typeof SHOP_ERASURE] === "erase")
      .filter((model) => !model.fields.some((field) => field.name === "shop" && field.kind === "scalar" && field.type === "String"))
      .map((model) => model.name);
    expect(erasedWithoutShopColumn).toEqual([]);
  });

  it("GIVEN a row of two shops in every table WHEN one shop, uninstalled, is redacted, twice THEN every table holds nothing of it and the other keeps all", async () => {
    await uninstall(SAMPLE);
    const before = await rowsOfShop(db, SAMPLE);
    // The seed covers every table, so the erasure below is checked everywhere.
    expect(Object.entries(before).filter(([, count]) => count === 0)).toEqual([]);
    const otherBefore = await rowsOfShop(db, OTHER);
    expect((await jobsOf(SAMPLE)).map((job) => job.state).sort()).toEqual(["failed", "queued", "queued"]);
    const otherJobs = await jobsOf(OTHER);

    for (let i = 0; i < 2; i++) {
      const response = await redact(SAMPLE, SAMPLE, "delivery-shop-redact");
      expect(response.status).toBe(200);
      const after = await rowsOfShop(db, SAMPLE);
      expect(Object.entries(after).filter(([, count]) => count > 0)).toEqual([]);
      expect(await jobsOf(SAMPLE)).toEqual([]);
    }
    expect(await rowsOfShop(db, OTHER)).toEqual(otherBefore);
    expect(await jobsOf(OTHER)).toEqual(otherJobs);
  });

  it("GIVEN a body signed for other-store WHEN the header says sample-store THEN 400 and neither shop loses anything", async () => {
    const sampleBefore = await rowsOfShop(db, SAMPLE);
    const otherBefore = await rowsOfShop(db, OTHER);
    const jobsBefore = { sample: await jobsOf(SAMPLE), other: await jobsOf(OTHER) };
    const response = await redact(OTHER, SAMPLE);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/signed payload is for other-store\.myshopify\.com.*header says sample-store\.myshopify\.com/);
    expect(await rowsOfShop(db, SAMPLE)).toEqual(sampleBefore);
    expect(await rowsOfShop(db, OTHER)).toEqual(otherBefore);
    expect({ sample: await jobsOf(SAMPLE), other: await jobsOf(OTHER) }).toEqual(jobsBefore);
  });

  it("GIVEN the shop installed the app again WHEN a captured redaction of its earlier installation is replayed THEN 200 and nothing is erased", async () => {
    await uninstall(SAMPLE);
    expect((await redact(SAMPLE, SAMPLE, "delivery-shop-redact")).status).toBe(200);
    expect(Object.values(await rowsOfShop(db, SAMPLE)).every((count) => count === 0)).toBe(true);
    // The reinstall: a new offline session, the shop's data copied again.
    await seedEveryTable(db, SAMPLE);
    await queueJobsOf(SAMPLE);
    const reinstalled = await rowsOfShop(db, SAMPLE);
    const jobs = await jobsOf(SAMPLE);
    // The same signed body, under its own delivery id or a new one (the header isn't signed).
    for (const webhookId of ["delivery-shop-redact", "delivery-shop-redact-replayed"]) {
      expect((await redact(SAMPLE, SAMPLE, webhookId)).status).toBe(200);
      expect(await rowsOfShop(db, SAMPLE)).toEqual(reinstalled);
      expect(await jobsOf(SAMPLE)).toEqual(jobs);
    }
  });

  it("GIVEN a redaction naming the shop in capitals, its header too WHEN delivered THEN the shop is erased as if written in lower case", async () => {
    await uninstall(SAMPLE);
    const otherBefore = await rowsOfShop(db, OTHER);
    expect((await redact(SAMPLE.toUpperCase(), "Sample-Store.MyShopify.com")).status).toBe(200);
    expect(Object.entries(await rowsOfShop(db, SAMPLE)).filter(([, count]) => count > 0)).toEqual([]);
    expect(await rowsOfShop(db, OTHER)).toEqual(otherBefore);
  });

  it("GIVEN a shop the app never knew WHEN its redaction arrives THEN it is acknowledged and nothing is stored", async () => {
    const before = await rowsOfShop(db, "never-installed.myshopify.com");
    const response = await redact("never-installed.myshopify.com", "never-installed.myshopify.com");
    expect(response.status).toBe(200);
    expect(await rowsOfShop(db, "never-installed.myshopify.com")).toEqual(before);
    expect(await db.webhookDelivery.count({ where: { shop: "never-installed.myshopify.com" } })).toBe(0);
  });

  it("GIVEN the shop's goals, notes and sign-offs in its own words WHEN it is redacted THEN no byte of them is left in the database's files, and nothing of it in any table", async () => {
    await uninstall(SAMPLE);
    // Words only this shop wrote, each long enough never to occur by chance.
    const words = { goal: "Goal-words-7f3a91c2e5", note: "Note-words-0b8d44e6a1", comments: "Signoff-words-c55e02d9f8" };
    await db.goal.create({
      data: {
        shop: SAMPLE,
        name: words.goal,
        why: words.goal,
        from: "2026-01-01",
        to: "2026-03-31",
        createdBy: "1",
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    });
    const promotion = await db.promotion.findFirstOrThrow({ where: { shop: SAMPLE } });
    await db.promotionNote.create({
      data: { shop: SAMPLE, promotionId: promotion.id, authorId: "1", authorName: "Owner", body: words.note, createdAt: new Date() },
    });
    await db.weeklyReview.create({
      data: {
        shop: SAMPLE,
        weekStart: "2026-03-16",
        signedOffBy: "1",
        signedOffByName: "Owner",
        signedOffAt: new Date(),
        comments: words.comments,
        snapshot: JSON.stringify({ words: words.comments }),
      },
    });
    const url = databaseUrl();
    const files = databaseKind(url) === "sqlite" ? [url.slice("file:".length), `${url.slice("file:".length)}-wal`] : [];
    const readable = () => files.filter(existsSync).map((file) => readFileSync(file).toString("latin1"));
    // The check can see them before (in the file or its write-ahead log).
    if (files.length > 0)
      for (const word of Object.values(words))
        expect(
          readable().some((bytes) => bytes.includes(word)),
          word,
        ).toBe(true);

    expect((await redact(SAMPLE, SAMPLE)).status).toBe(200);
    expect(Object.entries(await rowsOfShop(db, SAMPLE)).filter(([, count]) => count > 0)).toEqual([]);
    for (const word of Object.values(words))
      expect(
        readable().some((bytes) => bytes.includes(word)),
        word,
      ).toBe(false);
  });
});

/**
 * A member's record against the rows behind it: on a store seeded with a few months of orders and
 * forty promotions of varied tactics, uses, verdicts and answers (some another's, one archived, one
 * logged for nobody), every figure the Team page shows is what the test counts from the rows, and
 * each reviewed promotion's lift is the one its Promotions page card shows.
 */
import { timeZone } from "@throughline/shopify-common/time-zone";
import { beforeAll, describe, expect, it } from "vitest";
import { localizer } from "~/i18n/localizer";
import { rebuildRollups } from "~/indicators/rollups.server";
import { formatDay } from "~/lib/calendar";
import { BUILT_IN_TACTICS, builtInTactic } from "~/playbooks/built-in-tactics";
import { parsePromotion } from "~/promotions/promotion-input";
import { VERDICTS } from "~/promotions/promotion-status";
import { createPromotions } from "~/promotions/promotions.server";
import { loader as promotionsLoader } from "~/routes/app.promotions";
import { loader as teamLoader } from "~/routes/app.team";
import type { Actor } from "~/staff/staff.server";
import { saveOrders } from "~/sync/store-records.server";
import { db } from "../helpers/database";
import { callLoader, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord } from "../helpers/records";
import { memberAtStage } from "../helpers/stages";
import { teamShop } from "../helpers/team-shop";

const SHOP = "record-shop.myshopify.com";
const ZONE = "Europe/Berlin";
const OWNER = "1";
const SAM = "2";
const sam: Actor = { shop: SHOP, userId: SAM, name: "Sam Rivera", role: "staff", accountOwner: false, collaborator: false, locale: "en" };
const owner: Actor = { shop: SHOP, userId: OWNER, name: "Store Owner", role: "owner", accountOwner: true, collaborator: false, locale: "en" };
const tactic = (key: string) =>
  builtInTactic(
    BUILT_IN_TACTICS.find((item) => item.key === key)!,
    localizer("en"),
  );

/** A small deterministic generator, so the seeded store is the same every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe("a member's record, counted from the rows", () => {
  const today = timeZone(ZONE).localDay(Date.now());
  beforeAll(async () => {
    await teamShop(SHOP, { zone: ZONE, opened: [OWNER, SAM] });
    await memberAtStage(db, SHOP, SAM, "create");
    const next = random(27);
    // Orders every day of the last 150 days, more on some: each promotion's lift has days to read.
    const orders = [];
    for (let day = today - 150; day < today; day++)
      for (let n = 0; n < 1 + Math.floor(next() * 3); n++)
        orders.push(
          orderRecord({
            processedAt: new Date(timeZone(ZONE).startOfDay(day) + 10 * 3_600_000 + n * 60_000),
            subtotal: BigInt(Math.floor(40 + next() * 80)) * 10_000n,
          }),
        );
    await saveOrders(db, SHOP, orders);
    await rebuildRollups(db, SHOP);

    const bundle = tactic("aov.bundle");
    const loyalty = tactic("repurchase_rate.loyalty");
    const kinds = [
      { tactic: bundle.key, type: bundle.type, indicator: bundle.indicator, hypothesis: bundle.hypothesis }, // followed
      { tactic: bundle.key, type: "discount", indicator: bundle.indicator, hypothesis: bundle.hypothesis }, // adapted
      { tactic: loyalty.key, type: loyalty.type, indicator: loyalty.indicator, hypothesis: loyalty.hypothesis }, // followed
      { tactic: "", type: "email", indicator: "orders", hypothesis: "Our own idea." }, // their own
    ];
    const parsed = Array.from({ length: 40 }, (_, i) => {
      const end = today - 3 - Math.floor(next() * 110) + (i % 10 === 9 ? 40 : 0);
      const result = parsePromotion({
        title: `Promotion ${i}`,
        start: formatDay(end - 6),
        end: formatDay(end),
        spend: "10",
        expectedChange: i % 3 === 0 ? "" : `+${i % 7}%`,
        ...kinds[i % kinds.length]!,
      });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.value;
    });
    const ids = (await createPromotions(db, sam, parsed, new Date())).map((row) => row.id);
    // Verdicts and answers on ended ones, one of each verdict in turn; one archived, one logged for nobody; the owner's own.
    for (const [index, id] of ids.entries()) {
      const row = await db.promotion.findUniqueOrThrow({ where: { id } });
      if (row.end >= formatDay(today)) continue;
      if (next() < 0.7)
        await db.promotion.update({
          where: { id },
          data: { selfMoved: "yes", selfLearned: `Lesson ${index}`, selfReviewedBy: SAM, selfReviewedByName: "Sam Rivera", selfReviewedAt: new Date() },
        });
      if (next() < 0.75)
        await db.promotion.update({
          where: { id },
          data: { verdict: VERDICTS[index % VERDICTS.length]!, learned: "Judged", reviewedBy: OWNER, reviewedByName: "Store Owner", reviewedAt: new Date() },
        });
    }
    await db.promotion.update({ where: { id: ids[0]! }, data: { archivedAt: new Date() } });
    await db.promotion.update({ where: { id: ids[1]! }, data: { ownerId: null, ownerName: null } });
    const ownersOwn = parsePromotion({ title: "The owner's", start: formatDay(today - 20), end: formatDay(today - 10), indicator: "aov" });
    if (!ownersOwn.ok) throw new Error("refused");
    await createPromotions(db, owner, [ownersOwn.value], new Date());
    await db.promotion.updateMany({ where: { shop: SHOP, title: "The owner's" }, data: { verdict: "hurt", learned: "x", reviewedAt: new Date() } });
  }, 120_000);

  it("GIVEN the seeded store THEN Sam's promotions, answers, verdicts, tactics followed, adapted and his own are the counts of the rows he runs", async () => {
    const page = await callLoader(teamLoader, await embeddedRequest(`/app/team?member=${SAM}`, SHOP, { userId: OWNER }));
    const rows = (await db.promotion.findMany({ where: { shop: SHOP, archivedAt: null } })).filter(
      (row) => row.ownerId === SAM || (row.ownerId === null && row.createdBy === SAM),
    );
    const count = (keep: (row: (typeof rows)[number]) => boolean) => rows.filter(keep).length;
    const byTactic = (use: string) => {
      const counts: Record<string, number> = {};
      for (const row of rows) if (row.tactic && row.tacticUse === use) counts[row.tactic] = (counts[row.tactic] ?? 0) + 1;
      return counts;
    };
    expect(rows.length).toBeGreaterThan(30);
    expect(page.record.promotions).toEqual({
      run: rows.length,
      ended: count((row) => row.end < formatDay(today)),
      answered: count((row) => row.selfReviewedAt !== null),
    });
    expect(Object.fromEntries(page.record.verdicts.map((verdict) => [verdict.verdict, verdict.count]))).toEqual(
      Object.fromEntries(VERDICTS.map((verdict) => [verdict, count((row) => row.verdict === verdict)])),
    );
    expect(Object.fromEntries(page.record.followed.map((item) => [item.key, item.count]))).toEqual(byTactic("followed"));
    expect(Object.fromEntries(page.record.adapted.map((item) => [item.key, item.count]))).toEqual(byTactic("adapted"));
    expect(Object.keys(byTactic("adapted"))).toEqual(["aov.bundle"]);
    expect(page.record.own.promotions).toBe(count((row) => row.tactic === null));
    const reviewed = rows.filter((row) => row.verdict !== null).sort((a, b) => b.end.localeCompare(a.end) || b.id - a.id);
    expect(page.record.expectations.map((row) => [row.id, row.expected])).toEqual(reviewed.slice(0, 20).map((row) => [row.id, row.expectedChange]));
    expect(reviewed.length).toBeGreaterThan(20);
    expect(page.record.moreReviewed).toBe(reviewed.length - 20);
  });

  it("GIVEN a reviewed promotion of Sam's THEN the record sets what he expected beside the lift its Promotions page card shows", async () => {
    const page = await callLoader(teamLoader, await embeddedRequest(`/app/team?member=${SAM}`, SHOP, { userId: OWNER }));
    const withLift = page.record.expectations.filter((row) => row.lift !== null);
    expect(withLift.length).toBeGreaterThan(5);
    for (const row of withLift.slice(0, 6)) {
      const promotion = await db.promotion.findUniqueOrThrow({ where: { id: row.id } });
      const cards = await callLoader(
        promotionsLoader,
        await embeddedRequest(`/app/promotions?q=${encodeURIComponent(`${promotion.title}`)}`, SHOP, { userId: OWNER }),
      );
      const card = cards.promotions.find((item) => item.id === row.id)!;
      expect(row.lift).toEqual({
        words: card.lift.find((lift) => lift.baseline === "previous")!.words,
        reading: card.lift.find((lift) => lift.baseline === "previous")!.reading,
      });
    }
  });
});

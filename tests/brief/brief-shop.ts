/**
 * The brief's test shop (Berlin, EUR): a week (ISO 2026-W47, 16–22 November 2026) with three orders,
 * one the week before, and one just after (00:30 on Monday the 23rd, Berlin: never in the week's
 * figures); a team of four (the owner reads Chinese; Sam turned the brief on; Casey didn't; Dana has
 * no email); an orders target nobody acts on; Sam's ended promotion awaiting his answer (its title
 * full of what Slack and HTML read as markup), the owner's answered one awaiting the verdict, and one
 * still running; and the Slack channel's webhook on the test listener.
 */
import { env } from "~/env.server";
import { rebuildRollups } from "~/indicators/rollups.server";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import type { Actor } from "~/staff/staff.server";
import { createTarget } from "~/strategy/targets.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { db } from "../helpers/database";
import { orderRecord } from "../helpers/records";

export const SHOP = "brief-shop.myshopify.com";
export const WEEK = "2026-W47";
export const WEEK_START = "2026-11-16";
/** Monday after the week, 07:30 in Berlin: the brief is due. */
export const MONDAY_MORNING = new Date("2026-11-23T06:30:00Z");
/** The same Monday, 05:30 in Berlin: not yet. */
export const MONDAY_EARLY = new Date("2026-11-23T04:30:00Z");
export const MARKUP_TITLE = "Bundle <b>&*deal*_~`> now";

export const OWNER = { userId: "1", name: "Store Owner", email: "owner@brief-shop.test", locale: "zh-CN" };
export const SAM = { userId: "2", name: "Sam Rivera", email: "sam@brief-shop.test", locale: "en" };
const CASEY = { userId: "3", name: "Casey Agency", email: "casey@brief-shop.test", locale: "en" };
const DANA = { userId: "4", name: "Dana Noemail", email: null, locale: "en" };

/** The orders of the week (Berlin days), and the one after it. */
export const WEEK_ORDERS = [new Date("2026-11-17T10:00:00Z"), new Date("2026-11-19T15:00:00Z"), new Date("2026-11-22T21:30:00Z")];
export const AFTER_THE_WEEK = new Date("2026-11-22T23:30:00Z");

const actor = (member: { userId: string; name: string }, role: Actor["role"]): Actor => ({
  shop: SHOP,
  userId: member.userId,
  name: member.name,
  role,
  accountOwner: role === "owner",
  collaborator: false,
  locale: "en",
});

async function promotion(by: Actor, title: string, start: string, end: string, indicator: string) {
  const parsed = parsePromotion({ title, start, end, indicator, spend: "50" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return (await createPromotions(db, by, [parsed.value], new Date("2026-11-10T09:00:00Z")))[0]!.id;
}

export async function seedBriefShop(slackOrigin: string): Promise<void> {
  await connectDevstoreShop(db, sessionStorage, {
    shop: SHOP,
    adminOrigin: "http://127.0.0.1:4999",
    accessToken: "devstore-token",
    ownerUserId: "1",
    now: new Date(),
  });
  await saveShopDetails(db, { shop: SHOP, name: "Brief Shop", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
  const seen = new Date("2026-11-01T00:00:00Z");
  for (const [member, extra] of [
    [OWNER, { accountOwner: true, briefOptIn: true }],
    // Sam logs promotions of his own (no playbook tactic): the Create stage.
    [SAM, { accountOwner: false, briefOptIn: true, stage: "create" }],
    [CASEY, { accountOwner: false, collaborator: true, briefOptIn: false }],
    [DANA, { accountOwner: false, briefOptIn: true }],
  ] as const) {
    await db.staffMember.create({ data: { shop: SHOP, collaborator: false, ...member, ...extra, firstSeenAt: seen, lastSeenAt: seen } });
  }
  await saveOrders(db, SHOP, [
    ...WEEK_ORDERS.map((processedAt) => orderRecord({ processedAt })),
    orderRecord({ processedAt: new Date("2026-11-11T10:00:00Z") }),
    orderRecord({ processedAt: AFTER_THE_WEEK }),
  ]);
  await rebuildRollups(db, SHOP);
  const owner = actor(OWNER, "owner");
  await createTarget(db, owner, { indicator: "orders", periodKind: "week", from: WEEK_START, value: "1000" }, new Date("2026-11-10T09:00:00Z"));
  await promotion(actor(SAM, "staff"), MARKUP_TITLE, "2026-11-12", "2026-11-18", "aov");
  const answered = await promotion(owner, "Owner's email", "2026-11-14", "2026-11-20", "net_sales");
  await db.promotion.update({
    where: { id: answered },
    data: { selfMoved: "yes", selfReviewedBy: OWNER.userId, selfReviewedAt: new Date("2026-11-21T09:00:00Z") },
  });
  await promotion(owner, "Still running", "2026-11-20", "2026-11-30", "net_sales");
  await db.briefSettings.create({
    data: { shop: SHOP, slackWebhook: env().tokenKeyring.seal(`${slackOrigin}/services/T0001/B0001/secret`), updatedBy: OWNER.name, updatedAt: seen },
  });
}

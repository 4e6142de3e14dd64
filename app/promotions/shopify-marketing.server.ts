/**
 * A promotion shown in Shopify itself, once someone asks for it:
 * - an Analytics annotation over its dates (analyticsAnnotationCreate / Update / Delete), so it
 *   shows on Shopify's own charts;
 * - where it fits (spend and a UTM campaign, which Shopify needs to tie spend to visits), an
 *   external marketing activity with its spend sent day by day as marketing engagements
 *   (marketingActivityUpsertExternal, marketingEngagementCreate), so Shopify's marketing reports
 *   see the cost. Spend is split evenly over the promotion's days in the currency's smallest unit;
 *   a day is sent once it has started, and the scheduler sends the new days as they come.
 * Edits keep Shopify's copy in step; archiving removes it. Shopify's refusal is kept, in its words,
 * on the promotion.
 */
import type { PrismaClient, Promotion } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { mutation, payloadOf, refusedAsGone, ShopifyProblem, unreachable, type UserError } from "~/admin-api/shopify-problems";
import { storeMessage, type Message } from "~/i18n/stored-message";
import type { CurrencyCode, MarketingActivityExternalStatus, MarketingChannel, MarketingTactic } from "~/types/admin.types";
import { env } from "~/env.server";
import { INDICATORS, isIndicatorKey } from "~/indicators/definitions";
import { formatDay, parseDay } from "~/lib/calendar";
import { currencyDecimals, formatMoney, splitEvenly } from "@throughline/shopify-common/money";
import { timeZone, type TimeZone } from "@throughline/shopify-common/time-zone";

const ANNOTATION_CREATE = `#graphql
  mutation PromotionAnnotationCreate($input: AnalyticsAnnotationCreateInput!) {
    analyticsAnnotationCreate(input: $input) {
      analyticsAnnotation {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

const ANNOTATION_UPDATE = `#graphql
  mutation PromotionAnnotationUpdate($id: ID!, $input: AnalyticsAnnotationUpdateInput!) {
    analyticsAnnotationUpdate(id: $id, input: $input) {
      analyticsAnnotation {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const ANNOTATION_DELETE = `#graphql
  mutation PromotionAnnotationDelete($id: ID!) {
    analyticsAnnotationDelete(id: $id) {
      deletedId
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const ACTIVITY_UPSERT = `#graphql
  mutation PromotionActivityUpsert($input: MarketingActivityUpsertExternalInput!) {
    marketingActivityUpsertExternal(input: $input) {
      marketingActivity {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

const ENGAGEMENT_CREATE = `#graphql
  mutation PromotionSpendDay($remoteId: String!, $engagement: MarketingEngagementInput!) {
    marketingEngagementCreate(remoteId: $remoteId, marketingEngagement: $engagement) {
      marketingEngagement {
        occurredOn
      }
      userErrors {
        field
        message
      }
    }
  }
`;

const ACTIVITY_DELETE = `#graphql
  mutation PromotionActivityDelete($remoteId: String!) {
    marketingActivityDeleteExternal(remoteId: $remoteId) {
      deletedMarketingActivityId
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** Shopify's annotation type for each kind of promotion (the bare type of ShopifyQL's ANNOTATE). */
const ANNOTATION_TYPE: Record<string, string> = {
  discount: "seasonal_promotion",
  bundle: "seasonal_promotion",
  price_change: "seasonal_promotion",
  ad: "campaign",
  email: "campaign",
  content: "campaign",
  other: "other",
};

const TACTIC: Record<string, string> = { ad: "AD", email: "NEWSLETTER", content: "POST" };

/** Shopify's marketing channel from what staff typed as the channel (and the type). */
export function marketingChannel(type: string, channel: string | null): "EMAIL" | "SEARCH" | "SOCIAL" | "REFERRAL" | "DISPLAY" {
  const text = `${channel ?? ""}`.toLowerCase();
  if (type === "email" || /e-?mail|newsletter|klaviyo|sms/.test(text)) return "EMAIL";
  if (/google|bing|search|seo|sem/.test(text)) return "SEARCH";
  if (/meta|facebook|instagram|tiktok|pinterest|social|youtube|snapchat|twitter|\bx\b/.test(text)) return "SOCIAL";
  if (/affiliate|influencer|referral|partner/.test(text)) return "REFERRAL";
  return "DISPLAY";
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "other";

/** "+05:30", "-03:00": the zone's offset at local noon of a day. */
export function utcOffsetOn(zone: TimeZone, day: number): string {
  const minutes = Math.round(zone.offset(zone.startOfDay(day) + 12 * 3_600_000) / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

export function annotationInput(promotion: Promotion & { codes: string[] }, zone: TimeZone) {
  const parts = [
    promotion.indicator && isIndicatorKey(promotion.indicator) ? `Should move ${INDICATORS[promotion.indicator].label}` : "No indicator yet",
    promotion.codes.length > 0 ? `codes ${promotion.codes.join(", ")}` : null,
    promotion.utmCampaign ? `campaign ${promotion.utmCampaign}` : null,
  ].filter(Boolean);
  return {
    title: clip(promotion.title, 75),
    description: clip(`${parts.join(" · ")} (Throughline)`, 150),
    type: ANNOTATION_TYPE[promotion.type] ?? "other",
    startedAt: new Date(zone.startOfDay(parseDay(promotion.start)!)).toISOString(),
    endedAt: new Date(zone.startOfDay(parseDay(promotion.end)! + 1) - 1000).toISOString(),
  };
}

/** Whether Shopify can take the promotion's spend: there is spend, and a campaign to tie it to. */
export function spendFits(promotion: Pick<Promotion, "spend" | "utmCampaign">): boolean {
  return promotion.spend > 0n && Boolean(promotion.utmCampaign);
}

const WHAT = {
  annotation: { key: "shopifyProblems.what.annotation" },
  activity: { key: "shopifyProblems.what.marketingActivity" },
  annotationRemoval: { key: "shopifyProblems.what.annotationRemoval" },
  activityRemoval: { key: "shopifyProblems.what.activityRemoval" },
} as const satisfies Record<string, Message>;
/** One of the run's mutations, read the one way (admin-api/shopify-problems.ts). */
const send = <P extends { userErrors?: UserError[] | null } | null | undefined>(what: Message, request: () => Promise<P>) => mutation("Shopify", what, request);
/** What to keep on the promotion when the run stopped: Shopify's refusal, or that it couldn't be reached. */
const problem = (failure: unknown) => storeMessage(failure instanceof ShopifyProblem ? failure.problem : unreachable("Shopify", failure));

export interface ShopifySyncOutcome {
  /** A stored message (app/i18n/stored-message.ts): what Shopify refused, or that it couldn't be reached. */
  error: string | null;
  /** Days of spend sent in this sync. */
  daysSent: number;
}

/**
 * Creates or brings up to date everything Shopify shows of the promotion: the annotation, and
 * where it fits the marketing activity and each started day's spend. `full` resends every day
 * (after an edit); otherwise only days not sent yet. Days sent before but now outside the
 * promotion's dates are sent again as zero.
 */
export async function showInShopify(
  db: PrismaClient,
  client: AdminClient,
  promotion: Promotion & { codes: string[] },
  now: Date,
  full: boolean,
): Promise<ShopifySyncOutcome> {
  const shop = await db.shop.findUniqueOrThrow({ where: { shop: promotion.shop }, select: { ianaTimezone: true, currencyCode: true } });
  const zone = timeZone(shop.ianaTimezone);
  const today = zone.localDay(now.getTime());
  const currency = shop.currencyCode as CurrencyCode;
  let { annotationId, marketingRemoteId, spendSentFrom, spendSentThrough } = promotion;
  let daysSent = 0;
  let error: string | null = null;
  try {
    const input = annotationInput(promotion, zone);
    if (annotationId) {
      const id = annotationId;
      const updated = await send(WHAT.annotation, async () => (await client.request(ANNOTATION_UPDATE, { id, input })).analyticsAnnotationUpdate);
      // Removed in admin meanwhile: it is created again below.
      if (refusedAsGone(updated, "NOT_FOUND")) annotationId = null;
      else payloadOf(updated);
    }
    if (!annotationId) {
      const created = payloadOf(await send(WHAT.annotation, async () => (await client.request(ANNOTATION_CREATE, { input })).analyticsAnnotationCreate));
      annotationId = created?.analyticsAnnotation?.id ?? null;
    }

    if (spendFits(promotion)) {
      const campaign = promotion.utmCampaign!;
      // A campaign can't change on Shopify's side: a new campaign is a new activity.
      const remoteId = marketingRemoteId?.endsWith(`:${campaign.toLowerCase()}`)
        ? marketingRemoteId
        : `throughline-promotion-${promotion.id}:${campaign.toLowerCase()}`;
      if (marketingRemoteId && marketingRemoteId !== remoteId) {
        await removeActivity(client, marketingRemoteId);
        spendSentFrom = spendSentThrough = null;
      }
      const start = parseDay(promotion.start)!;
      const end = parseDay(promotion.end)!;
      payloadOf(
        await send(
          WHAT.activity,
          async () =>
            (
              await client.request(ACTIVITY_UPSERT, {
                input: {
                  remoteId,
                  title: clip(promotion.title, 255),
                  remoteUrl: new URL(`/app/promotions?edit=${promotion.id}`, env().appUrl).toString(),
                  status: (today < start ? "SCHEDULED" : today <= end ? "ACTIVE" : "INACTIVE") as MarketingActivityExternalStatus,
                  tactic: (TACTIC[promotion.type] ?? "LINK") as MarketingTactic,
                  marketingChannelType: marketingChannel(promotion.type, promotion.channel) as MarketingChannel,
                  utm: {
                    campaign,
                    source: slug(promotion.channel ?? "other"),
                    medium: promotion.type === "email" ? "email" : promotion.type === "ad" ? "cpc" : slug(promotion.type),
                  },
                  start: new Date(zone.startOfDay(start)).toISOString(),
                  end: new Date(zone.startOfDay(end + 1)).toISOString(),
                  adSpend: { amount: formatMoney(promotion.spend, currencyDecimals(currency)), currencyCode: currency },
                },
              })
            ).marketingActivityUpsertExternal,
        ),
      );
      marketingRemoteId = remoteId;

      const decimals = currencyDecimals(currency);
      const shares = splitEvenly(promotion.spend, end - start + 1, decimals);
      const last = Math.min(end, today);
      const sentFrom = spendSentFrom ? parseDay(spendSentFrom)! : null;
      const sentThrough = spendSentThrough ? parseDay(spendSentThrough)! : null;
      const days = new Map<number, bigint>();
      for (let day = start; day <= last; day++) if (full || sentThrough === null || day > sentThrough) days.set(day, shares[day - start]!);
      if (sentFrom !== null && sentThrough !== null) for (let day = sentFrom; day <= sentThrough; day++) if (day < start || day > last) days.set(day, 0n);
      for (const [day, amount] of [...days].sort((a, b) => a[0] - b[0])) {
        const engagement = {
          occurredOn: formatDay(day),
          utcOffset: utcOffsetOn(zone, day),
          isCumulative: false,
          adSpend: { amount: formatMoney(amount, decimals), currencyCode: currency },
        };
        payloadOf(
          await send(
            { key: "shopifyProblems.what.spendOf", values: { day: formatDay(day) } },
            async () => (await client.request(ENGAGEMENT_CREATE, { remoteId, engagement })).marketingEngagementCreate,
          ),
        );
        daysSent++;
      }
      if (last >= start) [spendSentFrom, spendSentThrough] = [promotion.start, formatDay(last)];
    } else if (marketingRemoteId) {
      await removeActivity(client, marketingRemoteId);
      marketingRemoteId = spendSentFrom = spendSentThrough = null;
    }
  } catch (failure) {
    error = problem(failure);
  }
  await db.promotion.update({ where: { id: promotion.id }, data: { annotationId, marketingRemoteId, spendSentFrom, spendSentThrough, shopifyError: error } });
  return { error, daysSent };
}

async function removeActivity(client: AdminClient, remoteId: string) {
  const removed = await send(WHAT.activityRemoval, async () => (await client.request(ACTIVITY_DELETE, { remoteId })).marketingActivityDeleteExternal);
  if (!refusedAsGone(removed, "MARKETING_ACTIVITY_DOES_NOT_EXIST")) payloadOf(removed);
}

/** Takes the promotion off Shopify (it stays in Throughline); returns null, or a stored message of what went wrong. */
export async function removeFromShopify(db: PrismaClient, client: AdminClient, promotion: Promotion): Promise<string | null> {
  let error: string | null = null;
  let { annotationId, marketingRemoteId } = promotion;
  try {
    if (annotationId) {
      const id = annotationId;
      const removed = await send(WHAT.annotationRemoval, async () => (await client.request(ANNOTATION_DELETE, { id })).analyticsAnnotationDelete);
      if (!refusedAsGone(removed, "NOT_FOUND")) payloadOf(removed);
      annotationId = null;
    }
    if (marketingRemoteId) {
      await removeActivity(client, marketingRemoteId);
      marketingRemoteId = null;
    }
  } catch (failure) {
    error = problem(failure);
  }
  await db.promotion.update({
    where: { id: promotion.id },
    data: { annotationId, marketingRemoteId, ...(marketingRemoteId ? {} : { spendSentFrom: null, spendSentThrough: null }), shopifyError: error },
  });
  return error;
}

export function isShownInShopify(promotion: Pick<Promotion, "annotationId" | "marketingRemoteId">): boolean {
  return promotion.annotationId !== null || promotion.marketingRemoteId !== null;
}

/**
 * For the scheduler: each promotion whose spend goes to Shopify gets the days that have started
 * since the last run (and the activity's status moves from scheduled to active). Returns how many
 * promotions were brought up to date and how many Shopify refused.
 */
export async function sendNewSpendDays(db: PrismaClient, client: AdminClient, now: Date): Promise<{ updated: number; failed: number }> {
  const shop = await db.shop.findUnique({ where: { shop: client.shop }, select: { ianaTimezone: true } });
  if (!shop) return { updated: 0, failed: 0 };
  const today = timeZone(shop.ianaTimezone).localDay(now.getTime());
  const shown = await db.promotion.findMany({
    where: { shop: client.shop, archivedAt: null, marketingRemoteId: { not: null }, start: { lte: formatDay(today) } },
  });
  const result = { updated: 0, failed: 0 };
  for (const promotion of shown) {
    const due = formatDay(Math.min(parseDay(promotion.end)!, today));
    if (promotion.spendSentThrough !== null && promotion.spendSentThrough >= due) continue;
    const codes = await db.promotionCode.findMany({ where: { promotionId: promotion.id }, select: { code: true } });
    const { error } = await showInShopify(db, client, { ...promotion, codes: codes.map((row) => row.code) }, now, false);
    result[error ? "failed" : "updated"]++;
  }
  return result;
}

/**
 * Publishing a target to the store's own Analytics (analyticsTargetCreate / Update /
 * analyticsTargetsDelete), so it shows in Shopify's reports too. Only indicators with a matching
 * Shopify metric can be published; the app keeps both in step (a changed or removed target
 * updates or deletes Shopify's) and keeps Shopify's refusal, in its words, on the target.
 */
import type { PrismaClient, Target } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { mutation, type MutationResult } from "~/admin-api/shopify-problems";
import { storeMessage } from "~/i18n/stored-message";
import { INDICATORS, type IndicatorKey } from "~/indicators/definitions";
import { requirePermission, type Actor } from "~/staff/staff.server";

/** Our indicators that Shopify's Analytics measures the same way, by its metric names. */
export const ANALYTICS_METRIC: Partial<Record<IndicatorKey, string>> = {
  gross_sales: "gross_sales",
  discounts: "discounts",
  returns: "returns",
  net_sales: "net_sales",
  orders: "orders",
  aov: "average_order_value",
  gross_profit: "gross_profit",
};

const CREATE = `#graphql
  mutation AnalyticsTargetCreate($input: AnalyticsTargetCreateInput!) {
    analyticsTargetCreate(input: $input) {
      analyticsTarget {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

const UPDATE = `#graphql
  mutation AnalyticsTargetUpdate($id: ID!, $input: AnalyticsTargetUpdateInput!) {
    analyticsTargetUpdate(id: $id, input: $input) {
      analyticsTarget {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

const DELETE = `#graphql
  mutation AnalyticsTargetsDelete($ids: [ID!]!) {
    analyticsTargetsDelete(ids: $ids) {
      deletedIds
      userErrors {
        field
        message
      }
    }
  }
`;

function input(target: Target, metric: string) {
  const definition = INDICATORS[target.indicator as IndicatorKey];
  return {
    name: `${definition.label} ${target.direction === "at_least" ? "≥" : "≤"} ${target.value} (Throughline)`,
    metric,
    startDate: target.from,
    endDate: target.to,
    expectedValue: target.value,
  };
}

// What Analytics said, kept on the target as a stored message (app/i18n/stored-message.ts).
const TARGET = { key: "shopifyProblems.what.target" } as const;
const kept = (result: MutationResult<unknown>) => (result.ok ? null : storeMessage(result.problem));

/** Publishes (or republishes) a target; returns null, or (as a stored message) why it isn't in Shopify's Analytics. */
export async function publishTarget(db: PrismaClient, actor: Actor, client: AdminClient, id: number): Promise<string | null> {
  requirePermission(actor, "edit_strategy");
  const target = await db.target.findFirst({ where: { id, shop: actor.shop, deletedAt: null } });
  if (!target) return storeMessage({ key: "validation.target.noSuchTarget" });
  return syncPublished(db, client, target, true);
}

/** Brings Shopify's copy of a published target in line with ours (after a change), or creates it. */
export async function syncPublished(db: PrismaClient, client: AdminClient, target: Target, create = false): Promise<string | null> {
  if (!target.analyticsTargetId && !create) return null;
  const metric = ANALYTICS_METRIC[target.indicator as IndicatorKey];
  if (!metric) return storeMessage({ key: "shopifyProblems.noMetric", values: { indicator: { key: `indicators.${target.indicator as IndicatorKey}.label` } } });
  let error: string | null;
  let analyticsTargetId = target.analyticsTargetId;
  if (analyticsTargetId) {
    const id = analyticsTargetId;
    error = kept(
      await mutation("Shopify Analytics", TARGET, async () => (await client.request(UPDATE, { id, input: input(target, metric) })).analyticsTargetUpdate),
    );
  } else {
    const created = await mutation(
      "Shopify Analytics",
      TARGET,
      async () => (await client.request(CREATE, { input: input(target, metric) })).analyticsTargetCreate,
    );
    error = kept(created);
    if (created.ok) analyticsTargetId = created.payload?.analyticsTarget?.id ?? null;
  }
  await db.target.update({ where: { id: target.id }, data: { analyticsTargetId, analyticsError: error } });
  return error;
}

/** Removes a target from Shopify's Analytics (it stays in Throughline). */
export async function unpublishTarget(db: PrismaClient, client: AdminClient, target: Target): Promise<string | null> {
  if (!target.analyticsTargetId) return null;
  const ids = [target.analyticsTargetId];
  const error = kept(await mutation("Shopify Analytics", TARGET, async () => (await client.request(DELETE, { ids })).analyticsTargetsDelete));
  await db.target.update({ where: { id: target.id }, data: error ? { analyticsError: error } : { analyticsTargetId: null, analyticsError: null } });
  return error;
}

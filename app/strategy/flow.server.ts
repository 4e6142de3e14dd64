/**
 * The "Target at risk" Flow trigger (extensions/target-at-risk): each live target's status is
 * evaluated; when it gets worse than the status last seen (on track → at risk → off track, or
 * missed at the end), the app sends `flowTriggerReceive` once with the target, indicator, values
 * and status. A target seen for the first time counts as on track before.
 */
import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { mutation } from "~/admin-api/shopify-problems";
import { storeMessage, type Message } from "~/i18n/stored-message";

/** The trigger as a thing Shopify Flow may refuse (its name is the extension's, in English). */
const TRIGGER: Message = { key: "shopifyProblems.what.trigger", values: { name: "Target at risk" } };
import { REPORTED_INDICATORS } from "~/indicators/definitions";
import { formatValue } from "~/indicators/format";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { STATUS_RANK, type PacingStatus } from "./pacing";
import { targetStatuses, type TargetStatus } from "./target-status.server";

export const TARGET_AT_RISK_HANDLE = "target-at-risk";

export const FLOW_TRIGGER_RECEIVE = `#graphql
  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors {
        field
        message
      }
    }
  }
`;

/**
 * Shopify's userErrors for a trigger call on one line: its schema errors come as "Errors validating
 * schema:" followed by one indented line per problem, which a target's error line can't show.
 */

/**
 * The trigger's payload: exactly the fields of the extension's TOML, each of its declared type
 * (values are number_decimal; the trigger fires only for a worse status, which always has them).
 */
export function targetAtRiskPayload(status: TargetStatus, previous: string, currency: string): Record<string, unknown> {
  const definition = REPORTED_INDICATORS[status.indicator];
  return {
    Target: `${definition.label} ${status.direction === "at_least" ? "≥" : "≤"} ${formatValue(definition.kind, status.value, currency)} (${status.from} – ${status.to})`,
    Indicator: status.indicator,
    "Period start": status.from,
    "Period end": status.to,
    Direction: status.direction,
    "Target value": status.value,
    "Actual value": status.actual,
    "Expected to date": status.expectedToDate,
    "Projected value": status.projected,
    Status: status.status,
    "Previous status": previous,
  };
}

export interface Evaluation {
  evaluated: number;
  fired: number;
  failed: number;
}

/** Evaluates every live target of the shop as of today; fires the trigger for each that got worse. */
export async function evaluateTargets(db: PrismaClient, client: AdminClient, now: Date): Promise<Evaluation> {
  const shop = await db.shop.findUniqueOrThrow({ where: { shop: client.shop }, select: { ianaTimezone: true, currencyCode: true } });
  const today = timeZone(shop.ianaTimezone).localDay(now.getTime());
  const result: Evaluation = { evaluated: 0, fired: 0, failed: 0 };
  for (const status of await targetStatuses(db, client.shop, today)) {
    result.evaluated++;
    const target = await db.target.findUniqueOrThrow({ where: { id: status.id } });
    const previous = (target.lastStatus ?? "on_track") as PacingStatus;
    if (target.lastStatus === status.status) continue;
    // Claimed by the update: two evaluations at once fire once.
    const claimed = await db.target.updateMany({
      where: { id: target.id, lastStatus: target.lastStatus },
      data: { lastStatus: status.status, lastStatusAt: now },
    });
    if (claimed.count === 0 || STATUS_RANK[status.status] <= STATUS_RANK[previous]) continue;
    // Refused (with Shopify's words) or unreachable: kept on the target as a stored message.
    const payload = targetAtRiskPayload(status, previous, shop.currencyCode);
    const sent = await mutation(
      "Shopify Flow",
      TRIGGER,
      async () => (await client.request(FLOW_TRIGGER_RECEIVE, { handle: TARGET_AT_RISK_HANDLE, payload })).flowTriggerReceive,
    );
    await db.target.update({ where: { id: target.id }, data: { flowError: sent.ok ? null : storeMessage(sent.problem) } });
    if (sent.ok) result.fired++;
    else result.failed++;
  }
  return result;
}

import { parseDay } from "~/lib/calendar";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { REPORTED_INDICATORS, type ReportedIndicatorKey } from "~/indicators/definitions";
import { ensureRollups } from "~/indicators/rollups.server";
import type { Actor } from "~/staff/staff.server";
import { targetStatuses, type TargetStatus } from "~/strategy/target-status.server";
import { inferPeriodKind } from "~/strategy/target-input";
import { createTarget } from "~/strategy/targets.server";
import { rebuildProgress } from "./progress";
import { knownShop, parseDate } from "./report-args";
import { commandLineActor } from "./command-line-actor";
import { currentLocalizer } from "~/i18n/scope";
import { UsageError } from "./usage-error";
import { cliValue } from "./values";

function statusJson(status: TargetStatus) {
  return {
    id: status.id,
    indicator: status.indicator,
    from: status.from,
    to: status.to,
    value: status.value,
    direction: status.direction,
    actual: status.actual,
    expected_to_date: status.expectedToDate,
    projected: status.projected,
    status: status.status,
  };
}

export const targetsCommand = {
  summary: "set indicator targets and see their pacing",
  options: {
    shop: { type: "string" },
    indicator: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    value: { type: "string" },
    direction: { type: "string" },
    recurring: { type: "boolean" },
    goal: { type: "string" },
    on: { type: "string" },
    json: { type: "boolean" },
  },
  maxPositionals: 1,
  async run(values: Record<string, string | boolean | undefined>, positionals: string[]) {
    const { t } = currentLocalizer();
    const [action] = positionals;
    if (action !== "set" && action !== "status") throw new UsageError(t("cli.targets.action"));
    // An option of the other action would be ignored without a word: refused instead.
    const belongs = action === "set" ? ["shop", "indicator", "from", "to", "value", "direction", "recurring", "goal", "json"] : ["shop", "on", "json"];
    const stray = Object.keys(values).find((flag) => values[flag] !== undefined && !belongs.includes(flag));
    if (stray) throw new UsageError(t("cli.targets.stray", { action, flag: stray, options: belongs.map((flag) => `--${flag}`).join(", ") }));
    const { default: db } = await import("~/db.server");
    const shop = await knownShop(db, values.shop);
    const now = new Date();

    if (action === "set") {
      for (const flag of ["indicator", "from", "to", "value"]) if (values[flag] === undefined) throw new UsageError(t("cli.targets.required", { flag }));
      const from = parseDay(String(values.from));
      const to = parseDay(String(values.to));
      const outcome = await createTarget(
        db,
        commandLineActor(shop.shop),
        {
          indicator: values.indicator as string,
          periodKind: from !== null && to !== null ? inferPeriodKind(from, to) : "custom",
          from: values.from as string,
          to: values.to as string,
          value: values.value as string,
          direction: (values.direction as string | undefined) ?? null,
          recurring: Boolean(values.recurring),
          goalId: (values.goal as string | undefined) ?? null,
        },
        now,
      );
      if (!outcome.ok) {
        const [field, message] = Object.entries(outcome.errors)[0]!;
        throw new UsageError(t("cli.targets.invalid", { flag: { periodKind: "from", goalId: "goal" }[field] ?? field, problem: message }));
      }
      const target = outcome.value;
      if (values.json)
        console.log(
          JSON.stringify({
            target: {
              id: target.id,
              indicator: target.indicator,
              from: target.from,
              to: target.to,
              value: target.value,
              direction: target.direction,
              recurring: target.recurring,
              goal_id: target.goalId,
            },
          }),
        );
      else {
        const indicator = t(`indicators.${target.indicator as ReportedIndicatorKey}.label`);
        console.log(
          t("cli.targets.created", {
            id: target.id,
            indicator,
            direction: t(target.direction === "at_most" ? "cli.targets.atMost" : "cli.targets.atLeast"),
            value: target.value,
            from: target.from,
            to: target.to,
          }),
        );
      }
      return;
    }

    const on = values.on === undefined ? timeZone(shop.ianaTimezone).localDay(now.getTime()) : parseDate(values.on, "--on");
    await ensureRollups(db, shop.shop, rebuildProgress(shop.shop));
    const statuses = await targetStatuses(db, shop.shop, on);
    if (values.json) {
      console.log(JSON.stringify({ targets: statuses.map(statusJson) }));
      return;
    }
    if (statuses.length === 0) console.log(t("cli.targets.none", { shop: shop.shop }));
    for (const status of statuses) {
      const row = statusJson(status);
      const kind = REPORTED_INDICATORS[row.indicator as ReportedIndicatorKey].kind;
      console.log(
        t("cli.targets.status", {
          id: row.id,
          indicator: t(`indicators.${row.indicator as ReportedIndicatorKey}.label`),
          from: row.from,
          to: row.to,
          direction: t(row.direction === "at_most" ? "cli.targets.atMost" : "cli.targets.atLeast"),
          value: cliValue(kind, row.value),
          actual: cliValue(kind, row.actual),
          expected: cliValue(kind, row.expected_to_date),
          projected: cliValue(kind, row.projected),
          status: t(`targets.status.${row.status}`),
        }),
      );
    }
  },
} as const;

/**
 * The steps of a store's first copy as its owner follows them, and their words: shared by the app's
 * sync card and the CLI's progress line (the status itself is computed in sync-status.server.ts).
 */
import type { Localizer } from "~/i18n/localizer";
import { numberFormat } from "~/lib/intl";

/** The steps of copying a store, in order; products are exported, then stored, as one step. */
export const SYNC_STEPS = ["export_products", "store_products", "export_orders", "store_orders", "indicators", "refunds"] as const;
export type SyncStepKey = (typeof SYNC_STEPS)[number];
export const STEP_NUMBER: Record<SyncStepKey, number> = { export_products: 1, store_products: 1, export_orders: 2, store_orders: 3, indicators: 4, refunds: 5 };
export const SYNC_STEP_COUNT = 5;

export interface SyncStep {
  key: SyncStepKey;
  /** 1..SYNC_STEP_COUNT. */
  number: number;
  /** What this step has done of its total (products, orders or refunds), when counted. */
  done: number | null;
  total: number | null;
  /** 0..100 of this step, when its total is known. */
  percent: number | null;
  /** At this step's pace so far, when it has one. */
  secondsLeft: number | null;
}

/** "Step 3 of 5 · Storing your orders: 900 of 1,500 orders stored · under a minute left", in the localizer's language. */
export function stepWords(step: SyncStep, { t, locale }: Pick<Localizer, "t" | "locale">): string {
  const count = numberFormat(locale);
  const doing = t(`sync.steps.${step.key}.doing`);
  const values = { number: step.number, total: SYNC_STEP_COUNT, doing };
  const done = step.done !== null ? count.format(step.done) : null;
  const text =
    done === null || step.key === "indicators"
      ? t("sync.step", values)
      : t("sync.stepCounted", {
          ...values,
          counted:
            step.total !== null
              ? t(`sync.steps.${step.key}.counted`, { done, total: count.format(step.total) })
              : t(`sync.steps.${step.key}.countedAlone`, { done }),
        });
  return step.secondsLeft !== null ? t("sync.stepLeft", { step: text, left: timeLeft(step.secondsLeft, t) }) : text;
}

/** "under a minute left", "about 5 minutes left", "about 2 hours left". */
function timeLeft(seconds: number, t: Localizer["t"]): string {
  if (seconds < 60) return t("sync.left.underAMinute");
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? t("sync.left.minutes", { count: minutes }) : t("sync.left.hours", { count: Math.round(minutes / 60) });
}

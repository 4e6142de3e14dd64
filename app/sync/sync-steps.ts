/**
 * The steps of a store's first copy as its owner follows them, and their words: shared by the app's
 * sync card and the CLI's progress line (the status itself is computed in status.server.ts).
 */

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

const count = new Intl.NumberFormat("en");

/** What each step of a first copy is doing, in the owner's words. */
const STEP_WORDS: Record<SyncStepKey, { doing: string; unit: string }> = {
  export_products: { doing: "Shopify is exporting your products", unit: "products exported" },
  store_products: { doing: "Storing your products", unit: "products stored" },
  export_orders: { doing: "Shopify is exporting your orders", unit: "orders exported" },
  store_orders: { doing: "Storing your orders", unit: "orders stored" },
  indicators: { doing: "Computing your indicators", unit: "" },
  refunds: { doing: "Reading refund details, newest first", unit: "refunds read" },
};

function minutesWords(seconds: number): string {
  if (seconds < 60) return "under a minute left";
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `about ${minutes} minute${minutes === 1 ? "" : "s"} left` : `about ${Math.round(minutes / 60)} hours left`;
}

/** "Step 3 of 5 · Storing your orders: 900 of 1,500 orders stored · under a minute left". */
export function stepWords(step: SyncStep): string {
  const words = STEP_WORDS[step.key];
  const counted = step.done !== null ? `: ${count.format(step.done)}${step.total !== null ? ` of ${count.format(step.total)}` : ""} ${words.unit}` : "";
  const left = step.secondsLeft !== null ? ` · ${minutesWords(step.secondsLeft)}` : "";
  return `Step ${step.number} of ${SYNC_STEP_COUNT} · ${words.doing}${counted}${left}`;
}


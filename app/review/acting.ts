/**
 * Who acts on an indicator (pure): the week's promotions meant to move it, and those meant to move
 * one of its drivers ("What moved": net sales are orders × AOV − returns, AOV is units per order ×
 * price per unit − discount per order…; net profit is gross profit less each cost family). A bundle run to lift AOV acts on a net sales target: the
 * weekly review doesn't list that target as "nobody acting".
 */
import { driversOf } from "~/indicators/drivers";
import type { ReportedIndicatorKey } from "~/indicators/definitions";

export interface Acting {
  promotionId: number;
  title: string;
  /** The indicator the promotion should move: the target's own, or one of its drivers. */
  indicator: ReportedIndicatorKey;
  /** For a driver, the driver of the target's indicator it acts through (itself, or the one it drives in turn); null when it acts on the indicator directly. */
  through: ReportedIndicatorKey | null;
}

/** The promotions acting on `indicator`: directly first, then through its drivers in the breakdown's order, each in the order given. */
export function actingOn(indicator: ReportedIndicatorKey, promotions: { id: number; title: string; indicator: string | null }[]): Acting[] {
  const direct = promotions
    .filter((promotion) => promotion.indicator === indicator)
    .map((promotion) => ({ promotionId: promotion.id, title: promotion.title, indicator, through: null }));
  // The marketing indicators (spend, its ratio, ROAS) have no breakdown in What moved: only actions on them act on them.
  const throughDrivers = driversOf(indicator).flatMap(({ driver, through }) =>
    promotions
      .filter((promotion) => promotion.indicator === driver)
      .map((promotion) => ({ promotionId: promotion.id, title: promotion.title, indicator: driver, through })),
  );
  return [...direct, ...throughDrivers];
}

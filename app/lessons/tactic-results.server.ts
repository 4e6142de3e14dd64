/**
 * A lesson's playbook tactics with this store's results: for each tactic of the store's playbook on
 * the indicator, how many promotions followed it, their verdicts, and the latest ones with the lift
 * the Promotions page measures (promotionLift: the indicator during the promotion against the days
 * before it) and what the team learned.
 */
import type { PrismaClient } from "@prisma/client";
import type { Localizer } from "~/i18n/localizer";
import type { ReportedIndicatorKey } from "~/indicators/definitions";
import { formatDateRange } from "~/lib/dates";
import { storePlaybook } from "~/playbooks/playbooks.server";
import { promotionStatus, statusLabel, verdictLabel, VERDICTS } from "~/promotions/promotion-status";
import { preloadedStoreDays, promotionLift } from "~/promotions/promotions.server";

/** The latest promotions of a tactic shown with their lift (each lift resamples its days: a lesson measures a few). */
export const LATEST_PER_TACTIC = 3;

export interface TacticResults {
  key: string;
  title: string;
  how: string;
  /** Promotions that followed it (archived ones left out). */
  count: number;
  /** "Worked 2 · No effect 1 · not reviewed yet 1", empty without promotions. */
  verdicts: string;
  latest: {
    id: number;
    title: string;
    dates: string;
    /** Its verdict in words, or its status while it has none. */
    verdict: string;
    lift: string | null;
    learned: string | null;
  }[];
}

export async function tacticResults(db: PrismaClient, shop: string, indicator: ReportedIndicatorKey, today: number, l10n: Localizer): Promise<TacticResults[]> {
  const { t, locale } = l10n;
  const tactics = (await storePlaybook(db, shop, { l10n })).filter((tactic) => tactic.indicator === indicator);
  if (tactics.length === 0) return [];
  const keys = tactics.map((tactic) => tactic.key);
  const [counts, latest] = await Promise.all([
    db.promotion.groupBy({ by: ["tactic", "verdict"], where: { shop, archivedAt: null, tactic: { in: keys } }, _count: { _all: true } }),
    Promise.all(
      keys.map((key) =>
        db.promotion.findMany({ where: { shop, archivedAt: null, tactic: key }, orderBy: [{ start: "desc" }, { id: "desc" }], take: LATEST_PER_TACTIC }),
      ),
    ),
  ]);
  const shown = latest.flat();
  const days = await preloadedStoreDays(db, shop, shown, today);
  const lifts = new Map(await Promise.all(shown.map(async (promotion) => [promotion.id, (await promotionLift(db, promotion, today, days))[0]] as const)));
  const number = (value: number) => value.toLocaleString(locale);
  return tactics.map((tactic, index) => {
    const mine = counts.filter((row) => row.tactic === tactic.key);
    const count = mine.reduce((sum, row) => sum + row._count._all, 0);
    const byVerdict = (verdict: string | null) => mine.filter((row) => row.verdict === verdict).reduce((sum, row) => sum + row._count._all, 0);
    const unreviewed = byVerdict(null);
    const verdicts = [
      ...VERDICTS.filter((verdict) => byVerdict(verdict) > 0).map((verdict) =>
        t("lessons.tactics.verdictCount", { verdict: verdictLabel(verdict, l10n), number: number(byVerdict(verdict)) }),
      ),
      ...(unreviewed > 0 ? [t("lessons.tactics.notReviewed", { number: number(unreviewed) })] : []),
    ].join(" · ");
    return {
      key: tactic.key,
      title: tactic.title,
      how: tactic.how,
      count,
      verdicts,
      latest: latest[index]!.map((promotion) => ({
        id: promotion.id,
        title: promotion.title,
        dates: formatDateRange(promotion.start, promotion.end, locale),
        verdict: promotion.verdict ? verdictLabel(promotion.verdict, l10n) : statusLabel(promotionStatus(promotion, today), l10n),
        lift: lifts.get(promotion.id)?.words ?? null,
        learned: promotion.learned,
      })),
    };
  });
}

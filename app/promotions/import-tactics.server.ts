/**
 * The playbook tactic each promotion of a spreadsheet import follows, and the stage of whoever runs
 * it. A `tactic` cell names a tactic of the store's playbook by its key ("aov.bundle") or by its
 * title as the Playbooks page shows it, in either language and any case; then every promotion is
 * held to the stage of its owner (app/promotions/stage-check.server.ts), as the Promotions page holds
 * a form. A tactic the playbook doesn't have, or a promotion beyond its owner's stage, refuses the
 * file with its line: nothing is imported.
 */
import type { PrismaClient } from "@prisma/client";
import { LANGUAGES } from "~/i18n/languages";
import { localizer } from "~/i18n/localizer";
import { currentLocalizer } from "~/i18n/scope";
import { storePlaybook } from "~/playbooks/playbooks.server";
import type { Actor } from "~/staff/staff.server";
import type { ParsedPromotion } from "./promotion-input";
import { listedRowErrors } from "./promotions-csv";
import { stageChecks } from "./stage-check.server";

const looseTitle = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

/** The store's tactics by key and by every title they show (a title two tactics share names neither). */
async function tacticNames(db: PrismaClient, shop: string): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>();
  const keys = new Set<string>();
  for (const language of LANGUAGES) {
    for (const tactic of await storePlaybook(db, shop, { l10n: localizer(language) })) {
      keys.add(tactic.key);
      const title = looseTitle(tactic.title);
      names.set(title, names.has(title) && names.get(title) !== tactic.key ? null : tactic.key);
    }
  }
  for (const key of keys) names.set(key, key);
  return names;
}

export type ImportTactics = { ok: true; promotions: ParsedPromotion[] } | { ok: false; errors: string[] };

/** The promotions with the tactic each cell names, each within its owner's stage (owners already resolved: import-owners.server.ts). */
export async function withImportTactics(
  db: PrismaClient,
  actor: Actor,
  promotions: ParsedPromotion[],
  cells: string[],
  lines: number[],
): Promise<ImportTactics> {
  const { t } = currentLocalizer();
  const names = cells.some(Boolean) ? await tacticNames(db, actor.shop) : new Map<string, string | null>();
  // Each line's problems: a tactic the playbook lacks, else what its owner's stage refuses.
  const problems: string[][] = promotions.map(() => []);
  const resolved = promotions.map((promotion, index) => {
    const cell = cells[index] ?? "";
    if (cell === "") return promotion;
    const key = names.get(cell) ?? names.get(looseTitle(cell));
    if (key) return { ...promotion, tactic: key };
    const tactic = cell.slice(0, 80);
    problems[index]!.push(`tactic: ${key === null ? t("team.import.sharedTitle", { tactic }) : t("team.import.unknownTactic", { tactic })}`);
    return promotion;
  });
  const known = resolved.flatMap((promotion, index) => (problems[index]!.length === 0 ? [{ promotion, index }] : []));
  const checks = await stageChecks(
    db,
    actor,
    known.map(({ promotion }) => ({ promotion, runnerId: promotion.ownerId })),
  );
  checks.forEach((check, at) => problems[known[at]!.index]!.push(...Object.entries(check.refusals).map(([column, message]) => `${column}: ${message}`)));
  const errors = problems.flatMap((line, index) => (line.length > 0 ? [t("cli.csv.row", { line: lines[index], problems: line.join(" ") })] : []));
  return errors.length > 0 ? { ok: false, errors: listedRowErrors(errors) } : { ok: true, promotions: resolved };
}

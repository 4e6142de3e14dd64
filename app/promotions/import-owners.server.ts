/**
 * Who runs each promotion of a spreadsheet import. The file's `owner` cell, or the import's
 * `--owner`, names a staff member as the app knows them: their name (any case) or their user id.
 * Without either, the promotion is the store's account owner's, so a person on the team can
 * change it (promotions.server.ts `mayManage`), never only "Command line", which nobody signs in as.
 *
 * Only people who have opened the app in the store are on its team. A name nobody has, or two
 * people share, refuses the file with its line: nothing is imported.
 */
import type { PrismaClient } from "@prisma/client";
import { currentLocalizer } from "~/i18n/scope";
import type { ParsedPromotion } from "./promotion-input";
import { listedRowErrors } from "./promotions-csv";

interface Member {
  userId: string;
  name: string;
  accountOwner: boolean;
}

/** The team as a reader sees it in an error: the first names, then how many more. */
const SHOWN_NAMES = 10;

type Found = { ok: true; userId: string } | { ok: false; problem: "unknown" | "shared" };

function find(team: Member[], wanted: string): Found {
  const byId = team.find((member) => member.userId === wanted);
  if (byId) return { ok: true, userId: byId.userId };
  const named = team.filter((member) => member.name.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (named.length === 1) return { ok: true, userId: named[0]!.userId };
  return { ok: false, problem: named.length === 0 ? "unknown" : "shared" };
}

export type ImportOwners = { ok: true; promotions: ParsedPromotion[] } | { ok: false; errors: string[] };

/**
 * The promotions with each owner resolved to a user id: its own cell, else `fallback` (--owner),
 * else the account owner (else, with nobody on the team yet, whoever imports, as before).
 */
export async function withImportOwners(
  db: PrismaClient,
  shop: string,
  promotions: ParsedPromotion[],
  lines: number[],
  fallback: string | undefined,
): Promise<ImportOwners> {
  const { t } = currentLocalizer();
  const team = await db.staffMember.findMany({ where: { shop }, select: { userId: true, name: true, accountOwner: true }, orderBy: { name: "asc" } });
  const names =
    team.length === 0
      ? t("cli.promotions.owners.nobody")
      : team
          .slice(0, SHOWN_NAMES)
          .map((member) => member.name)
          .join(", ");
  const more = team.length > SHOWN_NAMES ? t("cli.promotions.owners.more", { count: team.length - SHOWN_NAMES }) : "";
  const problem = (found: Extract<Found, { ok: false }>, name: string) =>
    found.problem === "unknown"
      ? t("cli.promotions.owners.unknown", { name: name.slice(0, 64), team: names + more })
      : t("cli.promotions.owners.shared", { name: name.slice(0, 64) });

  let defaultOwner: string | null = team.find((member) => member.accountOwner)?.userId ?? null;
  if (fallback !== undefined) {
    const found = find(team, fallback);
    if (!found.ok) return { ok: false, errors: [t("cli.promotions.owners.option", { problem: problem(found, fallback) })] };
    defaultOwner = found.userId;
  }

  const errors: string[] = [];
  const resolved = promotions.map((promotion, index) => {
    if (promotion.ownerId === null) return { ...promotion, ownerId: defaultOwner };
    const found = find(team, promotion.ownerId);
    if (found.ok) return { ...promotion, ownerId: found.userId };
    errors.push(t("cli.csv.row", { line: lines[index], problems: `owner: ${problem(found, promotion.ownerId)}` }));
    return promotion;
  });
  if (errors.length === 0) return { ok: true, promotions: resolved };
  return { ok: false, errors: listedRowErrors(errors) };
}

/**
 * A store's playbook: the built-in tactics (built-in-tactics.ts) as the owner edited them, plus the
 * tactics the owner added, minus those hidden. Owners and strategists add, edit and hide tactics;
 * everyone reads them (the promotion form offers them, the Playbooks page lists them).
 */
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { INDICATORS, isIndicatorKey, type IndicatorKey } from "~/indicators/definitions";
import { PROMOTION_TYPES, type PromotionType } from "~/promotions/promotion-types";
import { requirePermission, type Actor } from "~/staff/staff.server";
import { localizer, type Localizer } from "~/i18n/localizer";
import { currentLocalizer } from "~/i18n/scope";
import { BUILT_IN_TACTICS, builtInTactic, type Tactic } from "./built-in-tactics";

export type PlaybookTactic = Tactic & { builtIn: boolean; edited: boolean };

/** Every tactic the store's playbook holds (hidden ones only when asked), by indicator then title. */
export async function storePlaybook(
  db: PrismaClient,
  shop: string,
  { withHidden = false, l10n = currentLocalizer() }: { withHidden?: boolean; l10n?: Pick<Localizer, "t"> } = {},
): Promise<(PlaybookTactic & { hidden: boolean })[]> {
  const own = new Map((await db.storeTactic.findMany({ where: { shop } })).map((row) => [row.key, row]));
  // Built-in tactics in the reader's language; a store's edit of one in the words it was written in.
  const builtIn = BUILT_IN_TACTICS.map((structure) => {
    const tactic = builtInTactic(structure, l10n);
    const edit = own.get(tactic.key);
    return edit
      ? {
          ...tactic,
          title: edit.title,
          how: edit.how,
          type: edit.type as PromotionType,
          hypothesis: edit.hypothesis,
          builtIn: true,
          edited: true,
          hidden: edit.hidden,
        }
      : { ...tactic, builtIn: true, edited: false, hidden: false };
  });
  const added = [...own.values()]
    .filter((row) => !BUILT_IN_TACTICS.some((tactic) => tactic.key === row.key) && isIndicatorKey(row.indicator))
    .map((row) => ({
      key: row.key,
      indicator: row.indicator as IndicatorKey,
      title: row.title,
      how: row.how,
      type: row.type as PromotionType,
      hypothesis: row.hypothesis,
      builtIn: false,
      edited: false,
      hidden: row.hidden,
    }));
  const order = Object.keys(INDICATORS);
  return [...builtIn, ...added]
    .filter((tactic) => withHidden || !tactic.hidden)
    .sort((a, b) => order.indexOf(a.indicator) - order.indexOf(b.indicator) || (a.builtIn === b.builtIn ? 0 : a.builtIn ? -1 : 1));
}

/** Whether the store's playbook holds the tactic (a promotion may follow it). */
export async function hasTactic(db: PrismaClient, shop: string, key: string): Promise<boolean> {
  return (await storePlaybook(db, shop)).some((tactic) => tactic.key === key);
}

export type RawTactic = {
  key?: string | null;
  indicator?: string | null;
  title?: string | null;
  how?: string | null;
  type?: string | null;
  hypothesis?: string | null;
};
export type TacticErrors = Partial<Record<keyof RawTactic, string>>;

/** A tactic's fields as they would be saved (checked), under its key when it edits one. */
type CheckedTactic =
  { ok: true; key: string | null; indicator: string; title: string; how: string; type: string; hypothesis: string } | { ok: false; errors: TacticErrors };

/** A tactic as typed, checked as adding it (no key) or editing it would check it, nothing written (a Staff member's proposal is checked alike). */
export async function checkTactic(db: PrismaClient, shop: string, raw: RawTactic, { t, locale }: Pick<Localizer, "t" | "locale">): Promise<CheckedTactic> {
  const errors: TacticErrors = {};
  const existing = raw.key ? (await storePlaybook(db, shop, { withHidden: true })).find((tactic) => tactic.key === raw.key) : null;
  if (raw.key && !existing) errors.key = t("playbooks.errors.notInPlaybook");
  const indicator = existing?.indicator ?? raw.indicator?.trim() ?? "";
  if (!isIndicatorKey(indicator)) errors.indicator = t("playbooks.errors.chooseIndicator");
  const text = (value: string | null | undefined, max: number, field: "title" | "how" | "hypothesis") => {
    const trimmed = value?.trim() ?? "";
    const name = t(`playbooks.errors.fields.${field}`);
    if (!trimmed) errors[field] = t("playbooks.errors.empty", { field: name });
    else if (trimmed.length > max)
      errors[field] = t("playbooks.errors.tooLong", { field: name, length: trimmed.length.toLocaleString(locale), max: max.toLocaleString(locale) });
    return trimmed;
  };
  const title = text(raw.title, 80, "title");
  const how = text(raw.how, 600, "how");
  const hypothesis = text(raw.hypothesis, 600, "hypothesis");
  const type = raw.type?.trim() ?? "";
  if (!PROMOTION_TYPES.includes(type as PromotionType)) errors.type = t("playbooks.errors.chooseType", { types: PROMOTION_TYPES.join(", ") });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, key: existing?.key ?? null, indicator, title, how, type, hypothesis };
}

/**
 * Adds a tactic (no key) or edits one (a built-in's edit is kept under its key); all or nothing.
 * `createdBy`: the Staff member whose proposal it was, for a new tactic approved from a proposal.
 */
export async function saveTactic(
  db: PrismaClient,
  actor: Actor,
  raw: RawTactic,
  now: Date,
  createdBy: string | null = null,
): Promise<{ ok: true; key: string } | { ok: false; errors: TacticErrors }> {
  requirePermission(actor, "edit_strategy");
  const checked = await checkTactic(db, actor.shop, raw, localizer(actor.locale));
  if (!checked.ok) return checked;
  const { key: existing, indicator, title, how, type, hypothesis } = checked;
  const key = existing ?? `${indicator}.custom-${randomBytes(4).toString("hex")}`;
  const fields = { indicator, title, how, type, hypothesis, updatedBy: actor.userId, updatedAt: now };
  await db.storeTactic.upsert({ where: { shop_key: { shop: actor.shop, key } }, create: { shop: actor.shop, key, ...fields, createdBy }, update: fields });
  return { ok: true, key };
}

/** Hides a tactic from the playbook, or shows it again (promotions that followed it keep it). */
export async function hideTactic(db: PrismaClient, actor: Actor, key: string, hidden: boolean, now: Date): Promise<boolean> {
  requirePermission(actor, "edit_strategy");
  const tactic = (await storePlaybook(db, actor.shop, { withHidden: true })).find((item) => item.key === key);
  if (!tactic) return false;
  const { indicator, title, how, type, hypothesis } = tactic;
  await db.storeTactic.upsert({
    where: { shop_key: { shop: actor.shop, key } },
    create: { shop: actor.shop, key, indicator, title, how, type, hypothesis, hidden, updatedBy: actor.userId, updatedAt: now },
    update: { hidden, updatedBy: actor.userId, updatedAt: now },
  });
  return true;
}

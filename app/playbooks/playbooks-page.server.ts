/** The Playbooks page's actions: adding or editing a tactic of the store's playbook, hiding or showing one. */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { localizer } from "~/i18n/localizer";
import { done, intentsFor, refused, runIntent, textField, type Intent, type IntentResponse, type IntentResult } from "~/lib/form-intents.server";
import type { Actor, StaffActionContext } from "~/staff/staff.server";
import { hideTactic, saveTactic } from "./playbooks.server";

/** A refused edit names its tactic, so the page shows the refusals on that tactic's form. */
type TacticRefusal = { key: string };
export type PlaybooksActionResult = IntentResult<TacticRefusal>;

const intent = intentsFor<StaffActionContext, TacticRefusal>();
const showOrHide = (hidden: boolean) =>
  intent(
    () => z.object({ key: textField }),
    async ({ key }, { db, actor, now, l10n: { t } }) =>
      (await hideTactic(db, actor, key ?? "", hidden, now))
        ? done(hidden ? t("playbooks.messages.hidden") : t("playbooks.messages.shown"))
        : refused({ key: t("playbooks.errors.notInPlaybookNow") }),
  );

const PLAYBOOK_INTENTS: Record<string, Intent<StaffActionContext, TacticRefusal>> = {
  save_tactic: intent(
    () => z.object({ key: textField, indicator: textField, title: textField, how: textField, type: textField, hypothesis: textField }),
    async ({ key, ...fields }, { db, actor, now, l10n: { t } }) => {
      // A tactic with a key is an edit of that tactic; without, a new one.
      const saved = await saveTactic(db, actor, { key: key || null, ...fields }, now);
      if (!saved.ok) return refused(saved.errors as Record<string, string>, { key: key ?? "" });
      return done(key ? t("playbooks.messages.saved") : t("playbooks.messages.added"));
    },
  ),
  hide_tactic: showOrHide(true),
  show_tactic: showOrHide(false),
};

/** Runs one form action; a refused action throws ForbiddenError (the route answers 403). */
export function playbooksAction(db: PrismaClient, actor: Actor, form: FormData, now: Date): Promise<IntentResponse<TacticRefusal>> {
  const l10n = localizer(actor.locale);
  const { t } = l10n;
  return runIntent(form, PLAYBOOK_INTENTS, { db, actor, now, l10n }, (intent) =>
    intent ? t("targets.errors.unknownAction", { intent }) : t("targets.errors.noAction"),
  );
}

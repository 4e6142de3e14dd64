/**
 * What every page does around its own work: authenticate the embedded request, record and
 * return the acting staff member, and turn a refusal (ForbiddenError) into a 403 that says why.
 */
import { data } from "@remix-run/node";
import db from "~/db.server";
import { localizer } from "~/i18n/localizer";
import { requestLocale, urlLocale } from "~/i18n/request-locale.server";
import { withLocalizer } from "~/i18n/scope.server";
import { readForm } from "~/lib/form.server";
import { authenticate } from "~/shopify.server";
import { actingStaff, ForbiddenError, type Actor } from "./staff.server";

export async function asActingStaff<T>(request: Request, work: (actor: Actor, now: Date) => Promise<T>): Promise<T> {
  const { session } = await authenticate.admin(request);
  const now = new Date();
  // Everything from here speaks the staff member's language (i18n/scope.ts).
  return withLocalizer(localizer(await requestLocale(db, request, session)), async () => {
    try {
      return await work(await actingStaff(db, session, now, urlLocale(request)), now);
    } catch (error) {
      if (error instanceof ForbiddenError) throw data(error.message, { status: 403 });
      throw error;
    }
  });
}

/** A form action: the work returns a status and a body; a post that isn't a readable form becomes 400 and a refusal 403, both as `{intent, ok: false, errors: {form}}`. */
export async function actingStaffAction<B>(request: Request, work: (actor: Actor, form: FormData, now: Date) => Promise<{ status: number; body: B }>) {
  const { session } = await authenticate.admin(request);
  const now = new Date();
  return withLocalizer(localizer(await requestLocale(db, request, session)), async () => {
    const read = await readForm(request);
    if (!read.ok) return data({ intent: "", ok: false as const, errors: { form: read.error } as Record<string, string> }, { status: 400 });
    const form = read.form;
    try {
      const { status, body } = await work(await actingStaff(db, session, now, urlLocale(request)), form, now);
      return data(body, { status });
    } catch (error) {
      if (error instanceof ForbiddenError)
        return data(
          { intent: String(form.get("intent") ?? ""), ok: false as const, errors: { form: error.message } as Record<string, string> },
          { status: 403 },
        );
      throw error;
    }
  });
}

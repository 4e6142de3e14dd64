/**
 * A page's form actions, one intent at a time. Each intent declares the fields it reads as a zod
 * schema and does its work only once they pass; `runIntent` picks the intent the form names, and
 * answers 200 with its message or 400 with its refusals field by field (the page shows each beside
 * its field). The domain still checks what only it knows (a target's value against its indicator,
 * a promotion's dates); the schema shapes what the form sent.
 */
import { z } from "zod";
import { parseRecordId } from "./form.server";

/** An intent done, with the message the page shows; `partial` when Shopify refused its part (the page keeps the message in view). */
export type Done = { ok: true; message: string; partial?: boolean };
/** An intent refused, field by field (the page shows each beside its field), with what else the page needs to place them. */
export type Refused<Extra extends object = object> = { ok: false; errors: Record<string, string> } & Partial<Extra>;
export type IntentOutcome<Extra extends object = object> = Done | Refused<Extra>;

/** The action's answer: the outcome with the intent it was for. */
export type IntentResult<Extra extends object = object> = { intent: string } & IntentOutcome<Extra>;

export type IntentResponse<Extra extends object = object> = { status: number; body: IntentResult<Extra> };

/** One intent: read the form's fields, then act on them with the page's context. */
export type Intent<Context, Extra extends object = object> = (form: FormData, context: Context) => Promise<IntentOutcome<Extra>>;

export const done = (message: string, partial?: boolean): Done => (partial === undefined ? { ok: true, message } : { ok: true, message, partial });

export const refused = <Extra extends object = object>(errors: Record<string, string>, extra?: Extra): Refused<NoInfer<Extra>> =>
  ({ ok: false, errors, ...extra }) as Refused<Extra>;

/** A text field as posted, or null when the form doesn't send it. */
export const textField = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

/** A record's id field (`parseRecordId`), refused in the staff member's words when missing or not an id. */
export function idField(words: { missing: string; notAnId: (given: string) => string }) {
  return z
    .string()
    .nullish()
    .transform((value, context) => {
      const id = parseRecordId(value);
      if (id === null) {
        context.addIssue({ code: "custom", message: value ? words.notAnId(value.slice(0, 100)) : words.missing });
        return z.NEVER;
      }
      return id;
    });
}

/** The form's text fields, the first value of each name (as `FormData.get` reads them). */
function formFields(form: FormData): Record<string, string> {
  const fields = new Map<string, string>();
  for (const [name, value] of form.entries()) if (typeof value === "string" && !fields.has(name)) fields.set(name, value);
  return Object.fromEntries(fields);
}

/** The first refusal of each field, keyed by the field's name. */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * The intent maker of a page: `const intent = intentsFor<PageContext>()`, then
 * `intent((context) => z.object({...}), async (fields, context) => ...)` for each of its intents,
 * the fields' schema built with the page's context (for its words).
 */
export function intentsFor<Context, Extra extends object = object>() {
  return <Schema extends z.ZodType<object>>(
      schema: (context: Context) => Schema,
      run: (fields: z.output<Schema>, context: Context) => Promise<IntentOutcome<Extra>>,
    ): Intent<Context, Extra> =>
    async (form, context) => {
      const parsed = schema(context).safeParse(formFields(form));
      return parsed.success ? run(parsed.data, context) : refused<Extra>(fieldErrors(parsed.error));
    };
}

/** Runs the intent the form names (its `intent` field); an unknown or missing one is refused as `unknown` words it. */
export async function runIntent<Context, Extra extends object = object>(
  form: FormData,
  intents: Readonly<Record<string, Intent<Context, Extra>>>,
  context: Context,
  unknown: (intent: string) => string,
): Promise<IntentResponse<Extra>> {
  const named = form.get("intent");
  const name = typeof named === "string" ? named : "";
  const run = Object.hasOwn(intents, name) ? intents[name] : undefined;
  const outcome: IntentOutcome<Extra> = run ? await run(form, context) : refused({ intent: unknown(name.slice(0, 100)) });
  return { status: outcome.ok ? 200 : 400, body: { intent: name, ...outcome } };
}

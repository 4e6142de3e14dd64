/**
 * Reading a page's form post, one way for every action. `request.formData()` throws on a body that
 * isn't a form (JSON, plain text, a broken multipart) and reads any size; here such a post, a file,
 * or a field longer than any form of the app sends, is refused with the reason (the caller answers
 * 400), before anything is looked up or written.
 */
import { currentLocalizer } from "~/i18n/scope";
import { readBodyWithin } from "./request-body.server";
import { containsNul } from "./storable-text";

/** The largest form body read: the biggest real form (250 codes of 255 characters) is about 70 KB. */
export const MAX_FORM_BYTES = 1024 * 1024;
/** The longest field any form sends (the promotion's code list at its bounds). */
export const MAX_FIELD_LENGTH = 100_000;

export type FormRead = { ok: true; form: FormData } | { ok: false; error: string };

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** The post as a form, or why it is refused, in the language of the request's staff member. */
export async function readForm(request: Request): Promise<FormRead> {
  const { t, locale } = currentLocalizer();
  const contentType = request.headers.get("content-type") ?? "";
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(mediaType)) {
    const types = FORM_TYPES.join(", ");
    return { ok: false, error: mediaType ? t("forms.notAForm", { types, type: mediaType.slice(0, 100) }) : t("forms.noContentType", { types }) };
  }
  const read = await readBodyWithin(request, MAX_FORM_BYTES);
  if (!read.ok) return { ok: false, error: read.reason === "too_large" ? t("forms.tooLarge", { size: MAX_FORM_BYTES / 1024 }) : t("forms.badLength") };
  const body = read.body;
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    return { ok: false, error: t("forms.unreadable") };
  }
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") return { ok: false, error: t("forms.file", { name: name.slice(0, 100) }) };
    if (containsNul(value) || containsNul(name)) return { ok: false, error: t("forms.nul", { name: name.replaceAll("\u0000", "\uFFFD").slice(0, 100) }) };
    if (value.length > MAX_FIELD_LENGTH)
      return {
        ok: false,
        error: t("forms.tooLong", { name: name.slice(0, 100), length: value.length.toLocaleString(locale), most: MAX_FIELD_LENGTH.toLocaleString(locale) }),
      };
  }
  return { ok: true, form };
}

/** The largest id a record can have: the database's ids are 32-bit integers, and Prisma refuses a larger one outright. */
export const MAX_RECORD_ID = 2_147_483_647;

/** A record's id from text (a form field, a URL parameter): a positive whole number, or null for anything else ("abc", "1.5", "-1", "1e9", 10^12). */
export function parseRecordId(value: string | null | undefined): number | null {
  const trimmed = value?.trim() ?? "";
  if (!/^[1-9]\d{0,9}$/.test(trimmed) || Number(trimmed) > MAX_RECORD_ID) return null;
  return Number(trimmed);
}

/** A record's id from a form field: a positive whole number, or null when absent or anything else ("abc", "1.5", "-1"). */
export function recordId(form: FormData, name = "id"): number | null {
  const value = form.get(name);
  return typeof value === "string" ? parseRecordId(value) : null;
}

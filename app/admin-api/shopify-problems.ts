/**
 * What went wrong asking Shopify to change something, as a message for the people who asked
 * (app/i18n/stored-message.ts): refused, with Shopify's own words, or unreachable. Kept on the
 * record it concerns until the next attempt, and worded in each reader's language.
 */
import type { Message } from "~/i18n/stored-message";

/** Who answered: Shopify's names stay as Shopify writes them in every language. */
export type ShopifyService = "Shopify" | "Shopify Analytics" | "Shopify Flow";

/** Shopify's userErrors as one line, in Shopify's words. */
export function shopifyWords(errors: { message: string }[]): string {
  return errors.map((error) => error.message.replace(/\s+/g, " ").trim()).join("; ");
}

/** Shopify said no to `what`, and why. */
export function refusedBy(service: ShopifyService, what: Message, errors: { message: string }[]): Message {
  return { key: "shopifyProblems.refused", values: { service, what, reason: shopifyWords(errors) } };
}

/** Shopify didn't answer (network, outage, throttled past the retries): the error's own words. */
export function unreachable(service: ShopifyService, error: unknown): Message {
  const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").slice(0, 300);
  return { key: "shopifyProblems.unreachable", values: { service, reason } };
}

export type UserError = { message: string; code?: string | null };

/** A mutation's outcome, read one way for every mutation the app sends. */
export type MutationResult<P> =
  | { ok: true; payload: P }
  /** Shopify said no: its userErrors, and the message for staff. */
  | { ok: false; refused: UserError[]; problem: Message }
  /** No answer (network, outage, throttled past the client's retries). */
  | { ok: false; refused: null; problem: Message };

/**
 * Sends one mutation (`send` returns its payload, which holds `userErrors`) and reads the answer:
 * done, refused with Shopify's words, or unreachable. `what` names the thing for the message.
 */
export async function mutation<P extends { userErrors?: UserError[] | null } | null | undefined>(
  service: ShopifyService,
  what: Message,
  send: () => Promise<P>,
): Promise<MutationResult<P>> {
  let payload: P;
  try {
    payload = await send();
  } catch (error) {
    return { ok: false, refused: null, problem: unreachable(service, error) };
  }
  const errors = payload?.userErrors ?? [];
  if (errors.length > 0) return { ok: false, refused: errors, problem: refusedBy(service, what, errors) };
  return { ok: true, payload };
}

/** Shopify refused only because the thing is gone (removed in admin, or by an earlier attempt). */
export function refusedAsGone(result: MutationResult<unknown>, code: string): boolean {
  return !result.ok && result.refused !== null && result.refused.every((error) => error.code === code);
}

/** A problem thrown through a run of mutations, to stop it at the first that failed. */
export class ShopifyProblem extends Error {
  constructor(readonly problem: Message) {
    super(problem.key);
  }
}

/** The payload of a mutation that went through; a refused or unanswered one stops the run (ShopifyProblem). */
export function payloadOf<P>(result: MutationResult<P>): P {
  if (!result.ok) throw new ShopifyProblem(result.problem);
  return result.payload;
}

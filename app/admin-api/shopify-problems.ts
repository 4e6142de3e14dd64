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

/** A refusal thrown through a run of mutations, to stop it where Shopify said no. */
export class ShopifyRefused extends Error {
  constructor(readonly problem: Message) {
    super(problem.key);
  }
}

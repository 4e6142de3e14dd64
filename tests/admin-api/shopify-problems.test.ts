import { describe, expect, it } from "vitest";
import { mutation, payloadOf, refusedAsGone, ShopifyProblem } from "~/admin-api/shopify-problems";
import { localizer } from "~/i18n/localizer";
import { messageWords } from "~/i18n/stored-message";

// Every mutation the app sends is read one way: done, refused with Shopify's words, or unreachable.
const WHAT = { key: "shopifyProblems.what.annotation" } as const;
const english = localizer("en");

describe("a mutation's outcome", () => {
  it("GIVEN no userErrors THEN it is done, with Shopify's payload", async () => {
    const result = await mutation("Shopify", WHAT, async () => ({ userErrors: [], annotation: { id: "gid://shopify/Annotation/1" } }));
    expect(result).toEqual({ ok: true, payload: { userErrors: [], annotation: { id: "gid://shopify/Annotation/1" } } });
    expect(payloadOf(result).annotation.id).toBe("gid://shopify/Annotation/1");
  });

  it("GIVEN userErrors THEN it is refused in Shopify's words; refused only as gone when every error has that code", async () => {
    const refused = await mutation("Shopify", WHAT, async () => ({ userErrors: [{ message: "Limit reached", code: "LIMIT" }] }));
    expect(refused.ok).toBe(false);
    expect(messageWords(refused.ok ? { key: "common.none" } : refused.problem, english)).toBe("Shopify refused the annotation: Limit reached");
    expect(refusedAsGone(refused, "NOT_FOUND")).toBe(false);
    const gone = await mutation("Shopify", WHAT, async () => ({ userErrors: [{ message: "Not found", code: "NOT_FOUND" }] }));
    expect(refusedAsGone(gone, "NOT_FOUND")).toBe(true);
    expect(() => payloadOf(refused)).toThrow(ShopifyProblem);
  });

  it("GIVEN no answer THEN it is unreachable, not a refusal, and never gone", async () => {
    const result = await mutation("Shopify Flow", WHAT, async () => {
      throw new Error("fetch failed");
    });
    expect(result).toMatchObject({ ok: false, refused: null });
    expect(messageWords(result.ok ? { key: "common.none" } : result.problem, english)).toBe("Shopify Flow couldn't be reached: fetch failed");
    expect(refusedAsGone(result, "NOT_FOUND")).toBe(false);
  });
});

import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { payloadProblems, readFlowTriggerDeclarations, type FlowTriggerDeclaration } from "../src/flow-triggers";
import { startDevstore, type RunningDevstore } from "../src/server";
import { DevStore } from "../src/store";

/** Trigger declarations as an app's extensions/ holds them. */
const EXTENSIONS = fileURLToPath(new URL("./fixtures/extensions", import.meta.url));

/** A payload that fits fixtures/extensions/weekly-review-ready/shopify.extension.toml. */
const weeklyReview = (): Record<string, unknown> => ({
  Week: "2026-W47",
  "Week start": "2026-11-16",
  "Week end": "2026-11-22",
  "Review URL": "https://t.myshopify.com/admin/apps/key/app/review?week=2026-11-16",
  Targets: 2,
  "Targets off track or at risk": 1,
  "Off track indicators without action": "Orders ≥ 1,000 (Missed); Net sales ≥ €5,000.00 (Off track)",
  "Actions without an indicator": 0,
  "Promotions awaiting review": 3,
});

describe("the devstore's flowTriggerReceive, against the triggers an app declares", () => {
  let devstore: RunningDevstore;
  const receive = async (handle: string, payload: unknown) => {
    const response = await fetch(`${devstore.origin}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "devstore-token" },
      body: JSON.stringify({
        query: "mutation($handle: String!, $payload: JSON!) { flowTriggerReceive(handle: $handle, payload: $payload) { userErrors { field message } } }",
        variables: { handle, payload },
      }),
    });
    return ((await response.json()) as { data: { flowTriggerReceive: { userErrors: { field: string[]; message: string }[] } } }).data.flowTriggerReceive
      .userErrors;
  };

  beforeAll(async () => {
    const store = new DevStore({
      shop: { __typename: "Shop", myshopifyDomain: "t.myshopify.com", name: "T", currencyCode: "EUR", ianaTimezone: "UTC" },
      products: [],
      customers: [],
      orders: [],
    });
    devstore = await startDevstore({ store, flowTriggers: readFlowTriggerDeclarations(EXTENSIONS) });
  });
  afterAll(() => devstore.close());
  beforeEach(() => {
    devstore.apps.flowTriggers.length = 0;
  });

  it("GIVEN a payload with exactly the declared fields, each of its type THEN it is received", async () => {
    expect(await receive("weekly-review-ready", weeklyReview())).toEqual([]);
    expect(devstore.apps.flowTriggers.map((call) => call.handle)).toEqual(["weekly-review-ready"]);
  });

  it("GIVEN a count sent as a string and a key the trigger doesn't declare THEN Shopify's schema error lists both, and nothing is received", async () => {
    const payload = { ...weeklyReview(), Targets: "2", "Off-track indicators without action": "" };
    expect(await receive("weekly-review-ready", payload)).toEqual([
      {
        field: ["body"],
        message:
          "Errors validating schema:\n  Invalid field: 'Off-track indicators without action'.\n  Type error for field 'Targets': \"2\" is not a number.\n",
      },
    ]);
    expect(devstore.apps.flowTriggers).toEqual([]);
  });

  it.each([
    [
      "a declared field left out",
      (payload: Record<string, unknown>) => delete payload["Promotions awaiting review"],
      "Required field missing: 'Promotions awaiting review'.",
    ],
    [
      "a list on several lines",
      (payload: Record<string, unknown>) => (payload["Off track indicators without action"] = "Orders ≥ 1,000 (Missed)\nAOV ≥ 60 (At risk)"),
      "Type error for field 'Off track indicators without action': \"Orders ≥ 1,000 (Missed)\\nAOV ≥ 60 (At risk)\" is not a single line.",
    ],
    [
      "a relative review link",
      (payload: Record<string, unknown>) => (payload["Review URL"] = "/app/review"),
      "Type error for field 'Review URL': /app/review is not an absolute URL.",
    ],
    ["a count that is null", (payload: Record<string, unknown>) => (payload.Targets = null), "Type error for field 'Targets': null is not a number."],
  ])("GIVEN %s THEN it is refused", async (_case, change, problem) => {
    const payload = weeklyReview();
    change(payload);
    expect(await receive("weekly-review-ready", payload)).toEqual([{ field: ["body"], message: `Errors validating schema:\n  ${problem}\n` }]);
    expect(devstore.apps.flowTriggers).toEqual([]);
  });

  it("GIVEN a handle no extension declares THEN it is refused; GIVEN a payload over 50,000 bytes THEN it is refused before its fields are looked at", async () => {
    expect(await receive("weekly-review", weeklyReview())).toEqual([
      { field: ["body"], message: "Errors validating schema:\n  Invalid handle 'weekly-review'.\n" },
    ]);
    expect(await receive("weekly-review-ready", { ...weeklyReview(), "Off track indicators without action": "x".repeat(50_000) })).toEqual([
      { field: ["body"], message: "Errors validating schema:\n  Properties size exceeds the limit of 50000 bytes.\n" },
    ]);
    expect(devstore.apps.flowTriggers).toEqual([]);
  });
});

describe("a payload against each field type", () => {
  const trigger: FlowTriggerDeclaration = {
    handle: "every-type",
    name: "Every type",
    file: "test",
    fields: [
      { type: "boolean", key: "Flag" },
      { type: "email", key: "Contact" },
      { type: "number_decimal", key: "Amount" },
      { type: "url", key: "Link" },
      { type: "single_line_text_field", key: "Note" },
      { type: "order_reference" },
    ],
  };

  it("GIVEN values of the declared types THEN nothing is said; GIVEN each of the wrong type THEN each is named", () => {
    expect(
      payloadProblems(trigger, { Flag: false, Contact: "owner@example.com", Amount: 12.5, Link: "https://example.com/x", Note: "", order_id: 450789469 }),
    ).toEqual([]);
    expect(
      payloadProblems(trigger, { Flag: "false", Contact: "owner", Amount: Number.NaN, Link: "example.com", Note: 3, order_id: "gid://shopify/Order/1" }),
    ).toEqual([
      "Type error for field 'Flag': \"false\" is not a boolean.",
      "Type error for field 'Contact': \"owner\" is not an email address.",
      "Type error for field 'Amount': NaN is not a number.",
      "Type error for field 'Link': example.com is not an absolute URL.",
      "Type error for field 'Note': 3 is not a string.",
      "Type error for field 'order_id': \"gid://shopify/Order/1\" is not a numeric ID.",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { done, idField, intentsFor, refused, runIntent, textField, type Intent } from "~/lib/form-intents.server";

const form = (fields: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
};

type Context = { calls: string[] };
const intent = intentsFor<Context, { id: number }>();
const intents: Record<string, Intent<Context, { id: number }>> = {
  rename: intent(
    () => z.object({ id: idField({ missing: "Which one?", notAnId: (given) => `"${given}" is not an id` }), title: textField }),
    async ({ id, title }, { calls }) => {
      calls.push(`rename ${id} ${title}`);
      return title ? done(`Renamed ${id}`) : refused({ title: "Give it a title" }, { id });
    },
  ),
};
const unknown = (name: string) => (name ? `No action "${name}"` : "No action");

describe("runIntent: one intent at a time, each with its schema", () => {
  it("GIVEN a form naming an intent with valid fields THEN the intent runs with its parsed fields, the first value of each name, and answers 200", async () => {
    const context = { calls: [] as string[] };
    const response = await runIntent(
      form([
        ["intent", "rename"],
        ["id", "42"],
        ["title", "Spring"],
        ["title", "ignored second value"],
      ]),
      intents,
      context,
      unknown,
    );
    expect(response).toEqual({ status: 200, body: { intent: "rename", ok: true, message: "Renamed 42" } });
    expect(context.calls).toEqual(["rename 42 Spring"]);
  });

  it("GIVEN a missing or malformed id THEN it is refused by the field's words, 400, and the intent never runs", async () => {
    for (const [given, message] of [
      [null, "Which one?"],
      ["abc", '"abc" is not an id'],
      ["1e9", '"1e9" is not an id'],
      ["99999999999", '"99999999999" is not an id'],
    ] as const) {
      const context = { calls: [] as string[] };
      const fields: [string, string][] = [["intent", "rename"]];
      if (given !== null) fields.push(["id", given]);
      const response = await runIntent(form(fields), intents, context, unknown);
      expect(response).toEqual({ status: 400, body: { intent: "rename", ok: false, errors: { id: message } } });
      expect(context.calls).toEqual([]);
    }
  });

  it("GIVEN an intent that refuses with what the page needs to place the refusal THEN the body carries it", async () => {
    const response = await runIntent(
      form([
        ["intent", "rename"],
        ["id", "7"],
      ]),
      intents,
      { calls: [] },
      unknown,
    );
    expect(response).toEqual({ status: 400, body: { intent: "rename", ok: false, errors: { title: "Give it a title" }, id: 7 } });
  });

  it("GIVEN no intent, an unknown one, or a name every object has (toString, __proto__) THEN it is refused under `intent` and nothing runs", async () => {
    for (const name of ["", "delete_everything", "toString", "__proto__", "constructor"]) {
      const context = { calls: [] as string[] };
      const response = await runIntent(form(name ? [["intent", name]] : []), intents, context, unknown);
      expect(response).toEqual({ status: 400, body: { intent: name, ok: false, errors: { intent: unknown(name) } } });
      expect(context.calls).toEqual([]);
    }
  });
});

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadFixture } from "../src/fixture";

const PAYMENTS_STORE = new URL("./fixtures/payments-store.jsonl", import.meta.url).pathname;

describe("loading a store file", () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  /** The payments store with one order line changed by `edit`, written to a file of its own. */
  async function withOrderEdited(edit: (order: Record<string, any>) => void): Promise<{ path: string; line: number }> {
    const lines = (await readFile(PAYMENTS_STORE, "utf8")).trimEnd().split("\n");
    const index = lines.findIndex((text) => text.includes('"gid://shopify/Order/1003"'));
    const order = JSON.parse(lines[index]!) as Record<string, any>;
    edit(order);
    lines[index] = JSON.stringify(order);
    const dir = await mkdtemp(join(tmpdir(), "fixture-"));
    dirs.push(dir);
    const path = join(dir, "store.jsonl");
    await writeFile(path, lines.join("\n") + "\n");
    return { path, line: index + 1 };
  }

  it("GIVEN a store whose orders have shipping addresses and transactions with fees, beside an order written before them WHEN it is loaded THEN every order keeps what its line says, and the older one has neither field", async () => {
    const data = await loadFixture(PAYMENTS_STORE);
    const byName = new Map(data.orders.map((order) => [order.name, order]));
    expect(byName.get("#1001")?.shippingAddress).toEqual({ countryCodeV2: "US" });
    expect(byName.get("#1002")?.shippingAddress).toBeNull();
    const capture = (byName.get("#1003")?.transactions as Record<string, any>[]).find((t) => t.kind === "CAPTURE");
    expect(capture).toMatchObject({
      status: "SUCCESS",
      parentTransaction: { id: "gid://shopify/OrderTransaction/5" },
      fees: [{ rate: "0.0240", amount: { amount: "1.69" } }],
    });
    expect(byName.get("#1006")).not.toHaveProperty("transactions");
    expect(byName.get("#1006")).not.toHaveProperty("shippingAddress");
  });

  it.each([
    ["a transaction kind Shopify doesn't have", (order: Record<string, any>) => (order.transactions[0].kind = "PAYMENT"), /transactions\.0\.kind/],
    ["a status in lower case", (order: Record<string, any>) => (order.transactions[1].status = "success"), /transactions\.1\.status/],
    ["a fee without its amount", (order: Record<string, any>) => delete order.transactions[2].fees[0].amount, /transactions\.2\.fees\.0\.amount/],
    ["a fee rate that isn't a decimal", (order: Record<string, any>) => (order.transactions[2].fees[0].rate = "2.4%"), /transactions\.2\.fees\.0\.rate/],
    [
      "an amount in a number instead of a decimal string",
      (order: Record<string, any>) => (order.transactions[1].amountSet.shopMoney.amount = 60),
      /transactions\.1\.amountSet\.shopMoney\.amount/,
    ],
    ["a transaction without its processedAt key", (order: Record<string, any>) => delete order.transactions[0].processedAt, /transactions\.0\.processedAt/],
    ["a country by name", (order: Record<string, any>) => (order.shippingAddress = { countryCodeV2: "Germany" }), /shippingAddress\.countryCodeV2/],
  ])("GIVEN an order line with %s WHEN the store is loaded THEN it is refused with the line number and the field", async (_case, edit, field) => {
    const { path, line } = await withOrderEdited(edit);
    const error = await loadFixture(path).then(
      () => null,
      (failure: Error) => failure,
    );
    expect(error?.message).toMatch(new RegExp(`^fixture line ${line}: `));
    expect(error?.message).toMatch(field);
  });
});

/**
 * `costs` on the command line: every setting set, shown and removed as the page does it, recorded as
 * the command line in the history with the costs job queued; bad options exit 2 with nothing changed.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseMoney } from "@throughline/shopify-common/money";
import { saveShopDetails } from "~/sync/store-records.server";
import { expectDatabaseUnchanged } from "../bad-input/database-snapshot";
import { runCli } from "../helpers/cli";
import { db, resetDatabase } from "../helpers/database";

const SHOP = "cli-costs.myshopify.com";
const costs = (...args: string[]) => runCli(["costs", ...args]);
const folder = mkdtempSync(path.join(tmpdir(), "costs-cli-"));
function csvFile(name: string, text: string): string {
  const file = path.join(folder, name);
  writeFileSync(file, text);
  return file;
}

describe("costs on the command line", () => {
  beforeAll(async () => {
    await resetDatabase();
    await saveShopDetails(db, { shop: SHOP, name: "CLI Costs", email: null, currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" });
  });

  it("GIVEN each setting set from the command line THEN `costs show --json` gives them back exactly, the history names the command line and the settings' version counts the changes", async () => {
    for (const args of [
      ["set", "fee", "--gateway", "paypal", "--rate", "0.036", "--fixed-fee", "40"],
      ["set", "shipping", "--destination", "jp", "--per-order", "600", "--per-unit", "50"],
      ["set", "shipping", "--destination", "rest_of_world", "--per-order", "2500"],
      ["set", "cost", "--name", "Rent", "--kind", "monthly", "--amount", "150000", "--from-month", "2027-01"],
      ["set", "cost", "--name", "Royalty", "--kind", "percent_of_net_sales", "--rate", "0.02"],
      ["set", "default-rate", "--rate", "0.35"],
    ]) {
      const run = await costs(...args, "--shop", SHOP);
      expect(run, args.join(" ")).toMatchObject({ code: 0, stdout: "Saved.\nThe figures take it into account now.\n" });
    }
    const imported = await costs("import-shipping", "--shop", SHOP, csvFile("ok.csv", "order name,cost\n#1001,720\n#1002,655\n"));
    expect(imported).toMatchObject({ code: 0, stdout: "Imported the shipping costs of 2 orders (0 replaced).\nThe figures take it into account now.\n" });

    const shown = await costs("show", "--shop", SHOP, "--json");
    expect(shown.code).toBe(0);
    const rent = await db.customCost.findFirstOrThrow({ where: { shop: SHOP, name: "Rent" } });
    const royalty = await db.customCost.findFirstOrThrow({ where: { shop: SHOP, name: "Royalty" } });
    expect(JSON.parse(shown.stdout)).toEqual({
      costs: {
        currency: "JPY",
        gateway_fees: [{ gateway: "paypal", rate: "0.036", fixed_fee: "40" }],
        shipping_rules: [
          { destination: "JP", per_order: "600", per_unit: "50" },
          { destination: "rest_of_world", per_order: "2500", per_unit: "0" },
        ],
        shipping_costs: { orders: 2, total: "1375" },
        custom_costs: [
          { id: rent.id, name: "Rent", kind: "monthly", amount: "150000", rate: null, from_month: "2027-01", to_month: null, date: null },
          { id: royalty.id, name: "Royalty", kind: "percent_of_net_sales", amount: null, rate: "0.02", from_month: null, to_month: null, date: null },
        ],
        default_cost_rate: "0.35",
        version: 7,
        // Each command applied its change before saying so.
        applied_version: 7,
      },
    });
    const text = await costs("show", "--shop", SHOP);
    expect(text.stdout).toContain("paypal: 3.6% + 40 JPY");
    expect(text.stdout).toContain("Default cost rate: 35%");
    expect(await db.strategyChange.count({ where: { shop: SHOP, actorName: "Command line" } })).toBe(7);
    expect((await db.shippingCost.findUniqueOrThrow({ where: { shop_orderName: { shop: SHOP, orderName: "#1001" } } })).cost).toBe(parseMoney("720"));

    expect(await costs("set", "cost", "--shop", SHOP, "--id", String(rent.id), "--name", "Rent", "--kind", "monthly", "--amount", "160000")).toMatchObject({
      code: 0,
    });
    expect((await db.customCost.findUniqueOrThrow({ where: { id: rent.id } })).amount).toBe(parseMoney("160000"));
    for (const args of [
      ["remove", "fee", "--gateway", "paypal"],
      ["remove", "shipping", "--destination", "JP"],
      ["remove", "cost", "--id", String(royalty.id)],
      ["remove", "default-rate"],
    ])
      expect(await costs(...args, "--shop", SHOP), args.join(" ")).toMatchObject({ code: 0, stdout: "Removed.\nThe figures take it into account now.\n" });
    expect(await db.gatewayFeeRule.count({ where: { shop: SHOP } })).toBe(0);
    expect(await db.costSettings.findUniqueOrThrow({ where: { shop: SHOP } })).toMatchObject({ defaultCostRate: null, version: 12, appliedVersion: 12 });
    // Fourteen runs of the command line, each a process of its own.
  }, 180_000);

  it.each([
    ["no action", [], /say "costs show"/],
    ["an unknown action", ["delete"], /say "costs show"/],
    ["set without a subject", ["set", "--shop", SHOP], /say what to set: fee, shipping, cost, default-rate/],
    ["an unknown subject", ["set", "tax", "--shop", SHOP], /not "tax"/],
    [
      "an option of another subject",
      ["set", "fee", "--shop", SHOP, "--gateway", "paypal", "--rate", "0.03", "--per-order", "4"],
      /--per-order is not an option here/,
    ],
    [
      "an option of another kind",
      ["set", "cost", "--shop", SHOP, "--name", "Rent", "--kind", "monthly", "--amount", "1", "--date", "2027-01-01"],
      /--date is not an option here/,
    ],
    ["a missing rate", ["set", "fee", "--shop", SHOP, "--gateway", "paypal"], /--rate is required/],
    ["a rate given as a percentage", ["set", "fee", "--shop", SHOP, "--gateway", "paypal", "--rate", "3.49"], /--rate: Enter a fraction from 0 to under 1/],
    [
      "a negative fixed fee",
      ["set", "fee", "--shop", SHOP, "--gateway", "paypal", "--rate", "0.03", "--fixed-fee=-1"],
      /--fixed-fee: The fixed fee can't be negative/,
    ],
    ["an unknown country", ["set", "shipping", "--shop", SHOP, "--destination", "XX", "--per-order", "1"], /--destination: “XX” is not a country code/],
    [
      "months in the wrong order",
      ["set", "cost", "--shop", SHOP, "--name", "Rent", "--kind", "monthly", "--amount", "1", "--from-month", "2027-05", "--to-month", "2027-01"],
      /--to-month: The last month is before the first/,
    ],
    ["a cost id that isn't one", ["remove", "cost", "--shop", SHOP, "--id", "abc"], /--id: “abc” is not a cost's id/],
    [
      "a cost that doesn't exist",
      ["set", "cost", "--shop", SHOP, "--id", "999999", "--name", "X", "--kind", "monthly", "--amount", "1"],
      /--id: That cost doesn't exist/,
    ],
    ["a rule that doesn't exist", ["remove", "shipping", "--shop", SHOP, "--destination", "FR"], /not found/],
    ["an empty default rate", ["set", "default-rate", "--shop", SHOP, "--rate", ""], /--rate: Enter a rate/],
    ["an unknown shop", ["show", "--shop", "nobody.myshopify.com"], /nobody\.myshopify\.com/],
    ["an import without a file", ["import-shipping", "--shop", SHOP], /give the CSV file/],
    ["an import of a missing file", ["import-shipping", "--shop", SHOP, "/nonexistent/costs.csv"], /no file/],
    ["an import with --json", ["import-shipping", "--shop", SHOP, "x.csv", "--json"], /--json is not an option here/],
  ] as [string, string[], RegExp][])(
    "GIVEN %s THEN it prints one line, exits 2 and changes nothing",
    async (_, args, message) => {
      const run = await expectDatabaseUnchanged(db, () => costs(...args));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    },
    60_000,
  );

  it("GIVEN a CSV with bad lines THEN each is printed with its line, nothing is imported and the exit code is 2", async () => {
    const file = csvFile("bad.csv", "order name,cost\n#2001,500\n#2002,five\n,3\n");
    const run = await expectDatabaseUnchanged(db, () => costs("import-shipping", "--shop", SHOP, file));
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      expect.stringMatching(/^error: line 3: The cost must be an amount/),
      "error: line 4: The order name is empty.",
      "Nothing was imported.",
    ]);
  }, 60_000);
});

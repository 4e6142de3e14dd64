/**
 * Every command of the command line with hostile arguments: each exits with code 2, prints one line
 * on stderr that says what is wrong (and nothing on stdout), and leaves every table as it was.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildRollups } from "~/indicators/rollups.server";
import { systemActor } from "~/staff/staff.server";
import { createTarget } from "~/strategy/targets.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { orderRecord } from "../helpers/records";
import { runCli } from "../helpers/cli";
import { cli } from "./cli";
import { expectDatabaseUnchanged } from "./database-snapshot";

const SHOP = "cli-hostile.myshopify.com";
const dir = path.resolve("tmp", `bad-input-cli-${process.env.VITEST_POOL_ID ?? 0}-${process.pid}`);
const file = (name: string) => path.join(dir, name);
const HEADER = "title,type,channel,start,end,spend,discount_codes,utm_campaign,indicator,hypothesis,expected_change";

beforeAll(async () => {
  await resetDatabase();
  await saveShopDetails(db, { shop: SHOP, name: "CLI", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
  await saveOrders(db, SHOP, [orderRecord({ processedAt: new Date("2026-03-03T10:00:00Z") })]);
  await rebuildRollups(db, SHOP);
  const target = await createTarget(db, systemActor(SHOP), { indicator: "orders", periodKind: "month", from: "2026-03-01", value: "10" }, new Date());
  if (!target.ok) throw new Error("target refused");
  mkdirSync(dir, { recursive: true });
  writeFileSync(file("spend.csv"), `${HEADER}\nBig,email,,2026-01-01,2026-01-02,1000000000000000,,,,,\n`);
  // One byte past 5 MB: refused before it is read.
  writeFileSync(file("huge.csv"), Buffer.alloc(5 * 1024 * 1024 + 1, 0x61));
  writeFileSync(file("fixture.jsonl"), "this is not a store\n");
  writeFileSync(file("other.csv"), "name,date,amount\nX,2026-03-01,1\n");
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const s = SHOP;
const CASES: [string, string[], RegExp][] = [
  // indicators
  [
    "indicators from year 1000 to 9999 by day",
    ["indicators", "--shop", s, "--from", "1000-01-01", "--to", "9999-12-31", "--by", "day"],
    /--from must be between 2000-01-01 and 2099-12-31, got "1000-01-01"/,
  ],
  [
    "indicators over a century by day",
    ["indicators", "--shop", s, "--from", "2000-01-01", "--to", "2099-12-31", "--by", "day"],
    /--by day: a series by day covers at most 1,096 days \(three years\) and this period has 36,525: show it by week or month/,
  ],
  [
    "indicators over a century by week",
    ["indicators", "--shop", s, "--from", "2000-01-01", "--to", "2099-12-31", "--by", "week", "--json"],
    /--by week: a series by week covers at most 7,305 days/,
  ],
  [
    "indicators on 30 February",
    ["indicators", "--shop", s, "--from", "2026-02-30", "--to", "2026-03-31"],
    /--from must be a calendar date YYYY-MM-DD, got "2026-02-30"/,
  ],
  [
    "indicators --to before --from",
    ["indicators", "--shop", s, "--from", "2026-03-31", "--to", "2026-03-01"],
    /--from \(2026-03-31\) is after --to \(2026-03-01\)/,
  ],
  [
    "indicators --by year",
    ["indicators", "--shop", s, "--from", "2026-03-01", "--to", "2026-03-31", "--by", "year"],
    /--by must be one of day, week, month, quarter, got "year"/,
  ],
  ["indicators without --to", ["indicators", "--shop", s, "--from", "2026-03-01"], /--to is required/],
  ["indicators with --shop and no value", ["indicators", "--from", "2026-03-01", "--to", "2026-03-31", "--shop"], /Option '--shop <value>' argument missing/],
  [
    "indicators on a shop that isn't a Shopify domain",
    ["indicators", "--shop", "<script>.example.com", "--from", "2026-03-01", "--to", "2026-03-31"],
    /--shop must be a \*\.myshopify\.com domain/,
  ],
  [
    "indicators on a shop never synced",
    ["indicators", "--shop", "nowhere.myshopify.com", "--from", "2026-03-01", "--to", "2026-03-31"],
    /unknown shop "nowhere\.myshopify\.com": sync it first/,
  ],
  [
    "indicators with a stray argument",
    ["indicators", "--shop", s, "--from", "2026-03-01", "--to", "2026-03-31", "now"],
    /indicators: unexpected argument "now"/,
  ],
  [
    "indicators with an unknown option",
    ["indicators", "--shop", s, "--from", "2026-03-01", "--to", "2026-03-31", "--format", "xml"],
    /Unknown option '--format'/,
  ],
  [
    "indicators --json=yes",
    ["indicators", "--shop", s, "--from", "2026-03-01", "--to", "2026-03-31", "--json=yes"],
    /Option '--json' does not take an argument/,
  ],
  [
    "indicators with a newline in a date",
    ["indicators", "--shop", s, "--from", "2026-03-01\nrm -rf /", "--to", "2026-03-31"],
    /--from must be a calendar date/,
  ],
  [
    "indicators with a date of 100,000 characters",
    ["indicators", "--shop", s, "--from", "9".repeat(100_000), "--to", "2026-03-31"],
    /--from must be a calendar date YYYY-MM-DD, got "9{40}"$/m,
  ],
  // products
  ["products from year 100", ["products", "--shop", s, "--from", "0100-01-01", "--to", "2026-03-31"], /--from must be between 2000-01-01 and 2099-12-31/],
  ["products without dates", ["products", "--shop", s], /--from is required/],
  ["products with a stray argument", ["products", "--shop", s, "--from", "2026-03-01", "--to", "2026-03-31", "all"], /unexpected argument "all"/],
  // targets
  ["targets without an action", ["targets", "--shop", s], /targets: say "set" or "status"/],
  [
    "targets set with a value of 400 digits",
    ["targets", "set", "--shop", s, "--indicator", "net_sales", "--from", "2026-04-01", "--to", "2026-04-30", "--value", "9".repeat(400)],
    /targets set: --value: The target is too large/,
  ],
  [
    "targets set with a count of 10^15",
    ["targets", "set", "--shop", s, "--indicator", "orders", "--from", "2026-04-01", "--to", "2026-04-30", "--value", "1000000000000000"],
    /--value: The target is too large: at most 1,000,000,000/,
  ],
  [
    "targets set with HTML as the indicator",
    ["targets", "set", "--shop", s, "--indicator", "<script>alert(1)</script>", "--from", "2026-04-01", "--to", "2026-04-30", "--value", "1"],
    /--indicator: "<script>alert\(1\)<\/script>" is not an indicator/,
  ],
  [
    "targets set in year 9999",
    ["targets", "set", "--shop", s, "--indicator", "orders", "--from", "9999-01-01", "--to", "9999-01-31", "--value", "1"],
    /--from: Enter the first day of the period between 2000-01-01 and 2099-12-31/,
  ],
  [
    "targets set over four years",
    ["targets", "set", "--shop", s, "--indicator", "orders", "--from", "2026-01-01", "--to", "2029-12-31", "--value", "1"],
    /--to: A target covers at most three years/,
  ],
  [
    "targets set going sideways",
    ["targets", "set", "--shop", s, "--indicator", "orders", "--from", "2026-04-01", "--to", "2026-04-30", "--value", "1", "--direction", "sideways"],
    /--direction: Choose at least or at most/,
  ],
  [
    "targets set repeating a custom period",
    ["targets", "set", "--shop", s, "--indicator", "orders", "--from", "2026-04-01", "--to", "2026-04-20", "--value", "1", "--recurring"],
    /--recurring: Only weekly, monthly or quarterly targets can repeat/,
  ],
  [
    "targets set overlapping a target",
    ["targets", "set", "--shop", s, "--indicator", "orders", "--from", "2026-03-10", "--to", "2026-03-20", "--value", "1"],
    /--from: Overlaps the target/,
  ],
  [
    "targets set with a net margin above 100%",
    ["targets", "set", "--shop", s, "--indicator", "net_margin", "--from", "2026-04-01", "--to", "2026-04-30", "--value", "1.5"],
    /--value: Net margin is a share from 0 to 1/,
  ],
  [
    "targets set with a negative net profit",
    ["targets", "set", "--shop", s, "--indicator", "net_profit", "--from", "2026-04-01", "--to", "2026-04-30", "--value=-100"],
    /--value: A target can't be negative/,
  ],
  [
    "targets set with a cost of a new customer in words",
    ["targets", "set", "--shop", s, "--indicator", "cac", "--from", "2026-04-01", "--to", "2026-04-30", "--value", "cheap"],
    /--value: Enter a/,
  ],
  [
    "targets set without a value",
    ["targets", "set", "--shop", s, "--indicator", "orders", "--from", "2026-04-01", "--to", "2026-04-30"],
    /targets set: --value is required/,
  ],
  [
    "targets set with --on",
    ["targets", "set", "--shop", s, "--indicator", "orders", "--from", "2026-04-01", "--to", "2026-04-30", "--value", "1", "--on", "2026-04-02"],
    /targets set: --on is not an option of "targets set"/,
  ],
  ["targets status in year 9999", ["targets", "status", "--shop", s, "--on", "9999-12-31"], /--on must be between 2000-01-01 and 2099-12-31/],
  ["targets status on no date", ["targets", "status", "--shop", s, "--on", "tomorrow"], /--on must be a calendar date YYYY-MM-DD, got "tomorrow"/],
  ["targets status with --value", ["targets", "status", "--shop", s, "--value", "3"], /targets status: --value is not an option/],
  ["targets status with a stray argument", ["targets", "status", "extra", "--shop", s], /targets: unexpected argument "extra"/],
  // promotions (the spreadsheet's own hostile files: csv-import.test.ts)
  ["promotions without an action", ["promotions", "--shop", s], /promotions: say "import FILE\.csv" or "list"/],
  ["promotions list with a file", ["promotions", "list", "--shop", s, "x.csv"], /promotions list: takes no file \(got "x\.csv"\)/],
  // review
  [
    "review of a week given as a date",
    ["review", "--shop", s, "--week", "2026-11-16"],
    /--week must be an ISO week YYYY-Www such as 2026-W47, got "2026-11-16"/,
  ],
  ["review of week 53 in a year of 52", ["review", "--shop", s, "--week", "2025-W53"], /--week must be an ISO week YYYY-Www such as 2026-W47, got "2025-W53"/],
  ["review of week 0", ["review", "--shop", s, "--week", "2026-W00"], /--week must be an ISO week/],
  ["review of a week in 1999", ["review", "--shop", s, "--week", "1999-W10"], /--week must be a week from 2000-W01 to 2099-W52, got "1999-W10"/],
  ["review of a week with no value", ["review", "--shop", s, "--week"], /Option '--week <value>' argument missing/],
  ["review of a shop never synced", ["review", "--shop", "nobody.myshopify.com"], /unknown shop "nobody\.myshopify\.com"/],
  ["review with a stray argument", ["review", "--shop", s, "last"], /review: unexpected argument "last"/],
  // brief
  ["brief of a week given as a date", ["brief", "--shop", s, "--week", "2026-11-16"], /--week must be an ISO week YYYY-Www such as 2026-W47, got "2026-11-16"/],
  ["brief sent for a week still to come", ["brief", "--shop", s, "--week", "2099-W10", "--send"], /The brief of 2099-W10 can be sent once the week has ended/],
  ["brief with --send given a value", ["brief", "--shop", s, "--send=now"], /Option '--send' does not take an argument/],
  ["brief with a stray argument", ["brief", "--shop", s, "now"], /brief: unexpected argument "now"/],
  ["promotions import without a file", ["promotions", "import", "--shop", s], /promotions import: give the CSV file/],
  [
    "promotions import of a file that isn't there",
    ["promotions", "import", "--shop", s, "/nonexistent/p.csv"],
    /can't read \/nonexistent\/p\.csv: no such file/,
  ],
  ["promotions import of a directory", ["promotions", "import", "--shop", s, "tmp"], /tmp is not a file/],
  [
    "promotions import of 5 MB and a byte",
    ["promotions", "import", "--shop", s, file("huge.csv")],
    /is 5\.0 MB; import at most 5 MB \(10,000 promotions\) at a time/,
  ],
  ["promotions import of two files", ["promotions", "import", "--shop", s, file("spend.csv"), file("spend.csv")], /promotions: unexpected argument/],
  // tokens
  ["tokens without an action", ["tokens"], /tokens: say "tokens reseal"/],
  ["tokens with another action", ["tokens", "rotate"], /tokens: say "tokens reseal", not "rotate"/],
  ["tokens reseal with a stray argument", ["tokens", "reseal", "now"], /tokens: unexpected argument "now"/],
  // sync, devstore, demo
  ["sync of a shop that isn't a Shopify domain", ["sync", "--shop", "not_a_domain"], /--shop must be a \*\.myshopify\.com domain, got "not_a_domain"/],
  ["sync without a shop", ["sync"], /--shop is required/],
  ["sync from an Admin API that isn't on loopback", ["sync", "--shop", s, "--admin-origin", "https://evil.example"], /is not on loopback/],
  ["devstore without a fixture", ["devstore"], /--fixture FILE is required/],
  ["devstore on port 70000", ["devstore", "--fixture", "x.jsonl", "--port", "70000"], /--port must be a port number from 0 to 65535/],
  [
    "devstore with a bucket of 10^20",
    ["devstore", "--fixture", "x.jsonl", "--bucket-size", "100000000000000000000"],
    /--bucket-size must be at most 10,000,000/,
  ],
  [
    "devstore on a plan Shopify doesn't have",
    ["devstore", "--fixture", "x.jsonl", "--plan", "gold"],
    /--plan must be one of standard, advanced, plus, not "gold"/,
  ],
  ["devstore with an ftp app URL", ["devstore", "--fixture", "x.jsonl", "--port", "0", "--app-url", "ftp://x"], /--app-url must be an http\(s\) URL/],
  ["devstore of a file that isn't a store", ["devstore", "--fixture", "FIXTURE", "--port", "0"], /devstore: fixture line 1: not JSON/],
  ["demo of no orders", ["demo", "--orders", "0"], /--orders must be a whole number above 0/],
  ["demo of 10^20 orders", ["demo", "--orders", "100000000000000000000"], /--orders must be at most 1,000,000/],
  ["demo on port abc", ["demo", "--port", "abc"], /--port must be a port number/],
  ["an unknown command", ["drop", "--all"], /unknown command "drop"/],
];

describe("the command line, given hostile arguments", () => {
  it.each(CASES)(
    "GIVEN %s THEN exit 2, one line on stderr saying why, nothing written",
    async (_, args, message) => {
      const run = await expectDatabaseUnchanged(db, () => cli(...args.map((arg) => (arg === "FIXTURE" ? file("fixture.jsonl") : arg))));
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout).toBe("");
      const lines = run.stderr.trimEnd().split("\n");
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: /);
      expect(lines[0]).toMatch(message);
      expect(lines[0]!.length).toBeLessThan(600);
    },
    60_000,
  );

  it("GIVEN no command THEN the usage and exit 2", async () => {
    const run = await cli();
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^Usage: npm run --silent cli -- <command>/);
  });
});

describe("the command line in a Chinese terminal (LANG=zh_CN.UTF-8)", () => {
  const chinese = (...args: string[]) => runCli(args, { LANG: "zh_CN.UTF-8" });

  it.each<[string, string[], RegExp]>([
    [
      "a date that isn't one",
      ["indicators", "--shop", SHOP, "--from", "2026-02-30", "--to", "2026-03-31"],
      /^错误：--from 必须是 YYYY-MM-DD 格式的日历日期，收到的是“2026-02-30”$/,
    ],
    [
      "a shop never synced",
      ["products", "--shop", "nobody.myshopify.com", "--from", "2026-03-01", "--to", "2026-03-31"],
      /^错误：未知店铺“nobody\.myshopify\.com”：请先同步它/,
    ],
    [
      "a series too long",
      ["indicators", "--shop", SHOP, "--from", "2000-01-01", "--to", "2099-12-31", "--by", "day"],
      /^错误：--by day：按天的序列最多覆盖 1,096 天（三年），而这个期间有 36,525 天/,
    ],
    [
      "a target the form would refuse",
      ["targets", "set", "--shop", SHOP, "--indicator", "orders", "--from", "2026-01-01", "--to", "2029-12-31", "--value", "1"],
      /^错误：targets set：--to：一个目标最多覆盖三年/,
    ],
    [
      "a CSV with another spreadsheet's header",
      ["promotions", "import", "--shop", SHOP, "OTHER_CSV"],
      /^错误：第 1 行：表头缺少 title, type, .*，并且含有未知列 "name"/,
    ],
    [
      "a week that isn't an ISO week",
      ["review", "--shop", SHOP, "--week", "W47"],
      /^错误：--week 必须是 YYYY-Www 格式的 ISO 周，例如 2026-W47，收到的是“W47”$/,
    ],
    ["an unknown command", ["drop"], /^错误：未知命令“drop”/],
  ])(
    "GIVEN %s THEN the one line says why in Chinese, and nothing is written",
    async (_, args, message) => {
      const run = await expectDatabaseUnchanged(db, () => chinese(...args.map((arg) => (arg === "OTHER_CSV" ? file("other.csv") : arg))));
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trimEnd().split("\n")[0]).toMatch(message);
    },
    60_000,
  );

  it("GIVEN the commands that print for people THEN they speak Chinese; --json is the same in every language", async () => {
    expect((await chinese("help")).stdout).toMatch(
      /^用法：npm run --silent cli -- <命令> \[选项\]\n\n命令：\n {2}devstore --fixture FILE [\s\S]*?把店铺文件作为本地 Admin GraphQL API 提供/,
    );
    const status = await chinese("targets", "status", "--shop", SHOP, "--on", "2026-03-15");
    expect(status.stdout).toMatch(/\t订单\t2026-03-01\.\.2026-03-31\t至少 10\t实际 1\t/);
    const products = await chinese("products", "--shop", SHOP, "--from", "2026-03-01", "--to", "2026-03-31");
    expect(products.stdout.split("\n")[0]).toBe("件数\t净销售额\t订单\t连带率\t引流率\t商品");
    const json = ["targets", "status", "--shop", SHOP, "--on", "2026-03-15", "--json"];
    expect((await chinese(...json)).stdout).toBe((await cli(...json)).stdout);
    expect((await chinese("jobs", "--failed")).stdout.trim()).toBe("没有失败的任务。");
  }, 120_000);
});

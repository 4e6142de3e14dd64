/**
 * A spreadsheet's promotions are written the way people write them (a type or indicator by the
 * name the form shows, in either language) and belong to someone on the team who can then change
 * them in the app: the `owner` cell, else `--owner`, else the account owner.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mayManage } from "~/promotions/promotions.server";
import { saveShopDetails } from "~/sync/store-records.server";
import type { Actor } from "~/staff/staff.server";
import { cli } from "../bad-input/cli";
import { expectDatabaseUnchanged } from "../bad-input/database-snapshot";
import { db, resetDatabase } from "../helpers/database";

const SHOP = "import-owners.myshopify.com";
const HEADER = "title,type,channel,start,end,spend,discount_codes,utm_campaign,indicator,hypothesis,expected_change";
const dir = path.resolve("tmp", `import-owners-${process.env.VITEST_POOL_ID ?? 0}-${process.pid}`);
const at = new Date("2026-03-01T00:00:00Z");

function file(name: string, lines: string[]): string {
  const target = path.join(dir, name);
  writeFileSync(target, lines.join("\n") + "\n");
  return target;
}

const staff = (userId: string, name: string): Actor => ({ shop: SHOP, userId, name, role: "staff", accountOwner: false, collaborator: false, locale: "en" });

describe("importing promotions as people write them, for someone on the team", () => {
  beforeAll(() => mkdirSync(dir, { recursive: true }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    await resetDatabase();
    await saveShopDetails(db, { shop: SHOP, name: "Owners", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    await db.staffMember.createMany({
      data: [
        { shop: SHOP, userId: "1", name: "Ada Owner", accountOwner: true, collaborator: false, firstSeenAt: at, lastSeenAt: at },
        // At the Create stage: their promotions need no playbook tactic (tests/team/stages.test.ts holds the others to theirs).
        ...[
          ["2", "Bo Staff"],
          ["3", "Cy Staff"],
        ].map(([userId, name]) => ({
          shop: SHOP,
          userId: userId!,
          name: name!,
          accountOwner: false,
          collaborator: false,
          stage: "create",
          firstSeenAt: at,
          lastSeenAt: at,
        })),
      ],
    });
  });

  it("GIVEN types and indicators by the names the form shows, in English and Chinese, THEN each is stored as its key", async () => {
    const csv = file("names.csv", [
      HEADER,
      "Price test,price change,,2026-03-01,2026-03-07,0,,,Average order value,,",
      "调价测试,调价,,2026-03-01,2026-03-07,0,,,平均订单价值,,",
      "Key as ever,price_change,,2026-03-01,2026-03-07,0,,,aov,,",
      "Hyphenated,Price-Change,,2026-03-01,2026-03-07,0,,,,,",
    ]);
    const run = await cli("promotions", "import", "--shop", SHOP, csv);
    expect(run.code, run.stderr).toBe(0);
    const stored = await db.promotion.findMany({ where: { shop: SHOP }, orderBy: { id: "asc" }, select: { type: true, indicator: true } });
    expect(stored).toEqual([
      { type: "price_change", indicator: "aov" },
      { type: "price_change", indicator: "aov" },
      { type: "price_change", indicator: "aov" },
      { type: "price_change", indicator: null },
    ]);
  });

  it("GIVEN an owner column naming a staff member (any case) and a row without one THEN the first is theirs and they may change it; the second is the account owner's", async () => {
    const csv = file("owners.csv", [
      `${HEADER},owner`,
      "Bo's email,email,,2026-03-01,2026-03-07,0,,,,,,bo staff",
      "Nobody named,email,,2026-03-01,2026-03-07,0,,,,,,",
    ]);
    const run = await cli("promotions", "import", "--shop", SHOP, csv);
    expect(run.code, run.stderr).toBe(0);
    const [bos, unnamed] = await db.promotion.findMany({ where: { shop: SHOP }, orderBy: { id: "asc" } });
    expect([bos!.ownerId, bos!.ownerName]).toEqual(["2", "Bo Staff"]);
    expect([unnamed!.ownerId, unnamed!.ownerName]).toEqual(["1", "Ada Owner"]);
    // Bo, a staff member, may change what he runs, and not what someone else runs.
    expect(mayManage(staff("2", "Bo Staff"), bos!)).toBe(true);
    expect(mayManage(staff("3", "Cy Staff"), bos!)).toBe(false);
    const list = JSON.parse((await cli("promotions", "list", "--shop", SHOP, "--json")).stdout) as { promotions: { title: string; owner: string }[] };
    expect(list.promotions.map((promotion) => promotion.owner).sort()).toEqual(["Ada Owner", "Bo Staff"]);
  });

  it("GIVEN --owner THEN rows without an owner are that person's", async () => {
    const csv = file("option.csv", [HEADER, "Cy's ad,ad,,2026-03-01,2026-03-07,10,,,,,"]);
    const run = await cli("promotions", "import", "--shop", SHOP, "--owner", "Cy Staff", csv);
    expect(run.code, run.stderr).toBe(0);
    expect(await db.promotion.findFirstOrThrow({ where: { shop: SHOP }, select: { ownerId: true } })).toEqual({ ownerId: "3" });
  });

  it("GIVEN an owner nobody on the team is called, in the file or in --owner, THEN exit 2, the line and the team named, nothing imported", async () => {
    const csv = file("unknown.csv", [
      `${HEADER},owner`,
      "Fine,email,,2026-03-01,2026-03-07,0,,,,,,Bo Staff",
      "Ghost's,email,,2026-03-01,2026-03-07,0,,,,,,Zed",
    ]);
    const run = await expectDatabaseUnchanged(db, () => cli("promotions", "import", "--shop", SHOP, csv));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: line 3: owner: nobody on the team is called "Zed" \(the team.*Ada Owner, Bo Staff, Cy Staff\)$/m);
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe("nothing imported");
    const option = await expectDatabaseUnchanged(db, () =>
      cli("promotions", "import", "--shop", SHOP, "--owner", "Zed", file("plain.csv", [HEADER, "Plain,email,,2026-03-01,2026-03-07,0,,,,,"])),
    );
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^error: promotions import: --owner: nobody on the team is called "Zed"/m);
  });

  it("GIVEN two people with the same name THEN naming them is refused and their user id is asked for", async () => {
    await db.staffMember.create({
      data: { shop: SHOP, userId: "4", name: "Bo Staff", accountOwner: false, collaborator: false, stage: "create", firstSeenAt: at, lastSeenAt: at },
    });
    const csv = file("shared.csv", [`${HEADER},owner`, "Which Bo,email,,2026-03-01,2026-03-07,0,,,,,,Bo Staff"]);
    const run = await expectDatabaseUnchanged(db, () => cli("promotions", "import", "--shop", SHOP, csv));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/line 2: owner: "Bo Staff" is the name of several people on the team: give their user id instead/);
    const byId = await cli("promotions", "import", "--shop", SHOP, file("by-id.csv", [`${HEADER},owner`, "This Bo,email,,2026-03-01,2026-03-07,0,,,,,,4"]));
    expect(byId.code, byId.stderr).toBe(0);
  });

  it("GIVEN promotions list --owner THEN a usage error, since --owner is for import", async () => {
    const run = await cli("promotions", "list", "--shop", SHOP, "--owner", "Bo Staff");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--owner is for import/);
  });
});

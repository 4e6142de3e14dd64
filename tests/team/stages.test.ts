/**
 * From imitation to creation: what a Staff member's stage lets their promotions be, held on the
 * server for every path that creates or changes one (the Promotions page's log, change and copy, a
 * spreadsheet import, and the domain functions underneath), and how each promotion used its tactic.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { localizer } from "~/i18n/localizer";
import { BUILT_IN_TACTICS, builtInTactic } from "~/playbooks/built-in-tactics";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { action as promotionsAction } from "~/routes/app.promotions";
import type { Actor } from "~/staff/staff.server";
import type { Stage } from "~/staff/stages";
import { saveShopDetails } from "~/sync/store-records.server";
import { cli } from "../bad-input/cli";
import { expectDatabaseUnchanged } from "../bad-input/database-snapshot";
import { db, resetDatabase } from "../helpers/database";
import { teamShop } from "../helpers/team-shop";
import { callAction, embeddedAction } from "../helpers/embedded-request";
import { memberAtStage } from "../helpers/stages";

const SHOP = "stages-shop.myshopify.com";
const OWNER = "1";
const SAM = "2";
type Result = { ok: boolean; message?: string; errors?: Record<string, string> };
const post = (fields: Record<string, string>, userId = SAM) =>
  embeddedAction("/app/promotions", SHOP, fields, { userId }).then((request) => callAction<Result>(promotionsAction, request));
const bundle = (language: "en" | "zh-CN") =>
  builtInTactic(
    BUILT_IN_TACTICS.find((tactic) => tactic.key === "aov.bundle")!,
    localizer(language),
  );
/** A promotion as the playbook's "Bundles" tactic has it: its type, indicator and hypothesis; the rest is the member's own. */
const followed = () => ({
  intent: "create_promotion",
  title: "Coffee and mug",
  start: "2026-10-01",
  end: "2026-10-07",
  spend: "50",
  utmCampaign: "mugs",
  channel: "Instagram",
  expectedChange: "AOV +5%",
  tactic: "aov.bundle",
  type: bundle("en").type,
  indicator: bundle("en").indicator,
  hypothesis: bundle("en").hypothesis,
});
const stored = () => db.promotion.findMany({ where: { shop: SHOP }, orderBy: { id: "asc" } });

describe("a Staff member's stage, held on the server", () => {
  beforeEach(async () => {
    await teamShop(SHOP, { opened: [OWNER, SAM] });
  });

  it("GIVEN Sam, who just opened the app (the Follow stage), WHEN a promotion has no tactic, or changes the tactic's type, hypothesis or indicator THEN each is refused on its field with why, and nothing is saved", async () => {
    expect((await db.staffMember.findUniqueOrThrow({ where: { shop_userId: { shop: SHOP, userId: SAM } } })).stage).toBe("follow");
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ tactic: "" }, "tactic", /Sam Rivera is at the Follow stage: their promotions follow one of the playbook's tactics/],
      [{ type: "discount" }, "type", /the type is the tactic's \(bundle\)/],
      [{ hypothesis: "Mugs sell themselves." }, "hypothesis", /the hypothesis is the tactic's: “A bundle makes buying/],
      [{ indicator: "orders" }, "indicator", /the indicator is the tactic's \(Average order value\)/],
    ];
    for (const [change, field, message] of cases) {
      const result = await expectDatabaseUnchanged(db, () => post({ ...followed(), ...change }));
      expect(result.status, JSON.stringify(change)).toBe(400);
      expect(result.body.errors?.[field]).toMatch(message);
    }
  });

  it("GIVEN Sam at Follow WHEN the promotion keeps the tactic as the playbook has it (its hypothesis in either language) THEN it is saved as followed, with Sam's own title, dates, channel and expectation", async () => {
    await memberAtStage(db, SHOP, SAM, "follow");
    expect(await post(followed())).toMatchObject({ status: 200 });
    expect(await post({ ...followed(), title: "咖啡配杯子", hypothesis: bundle("zh-CN").hypothesis })).toMatchObject({ status: 200 });
    const [first, second] = await stored();
    expect(first).toMatchObject({ tactic: "aov.bundle", tacticUse: "followed", title: "Coffee and mug", channel: "Instagram", expectedChange: "AOV +5%" });
    expect(second).toMatchObject({ tacticUse: "followed", hypothesis: bundle("zh-CN").hypothesis });
  });

  it("GIVEN Sam at Follow editing their followed promotion THEN its dates and title change, its type can't, and a copy is held to the same rule", async () => {
    await memberAtStage(db, SHOP, SAM, "follow");
    await post(followed());
    const [promotion] = await stored();
    const id = String(promotion!.id);
    expect(await post({ ...followed(), intent: "update_promotion", id, title: "Coffee, mug and beans", end: "2026-10-10" })).toMatchObject({ status: 200 });
    const changeType = await expectDatabaseUnchanged(db, () => post({ ...followed(), intent: "update_promotion", id, type: "discount" }));
    expect(changeType).toMatchObject({ status: 400, body: { errors: { type: expect.stringMatching(/Follow stage/) } } });
    expect((await stored())[0]).toMatchObject({ title: "Coffee, mug and beans", end: "2026-10-10", type: "bundle", tacticUse: "followed" });
    // A copy of the owner's own promotion, which follows no tactic, would be a promotion Sam runs beyond his stage.
    expect(await post({ ...followed(), tactic: "", type: "email", hypothesis: "", title: "Owner's newsletter" }, OWNER)).toMatchObject({ status: 200 });
    const owners = (await stored()).find((row) => row.title === "Owner's newsletter")!;
    expect(owners.tacticUse).toBeNull();
    const copy = await expectDatabaseUnchanged(db, () => post({ intent: "duplicate_promotion", id: String(owners.id) }));
    expect(copy).toMatchObject({ status: 400, body: { errors: { tactic: expect.stringMatching(/Follow stage/) } } });
  });

  it("GIVEN Sam at Adapt THEN a tactic is still needed and its indicator kept; its type, channel and hypothesis may change (saved as adapted), and unchanged it is saved as followed", async () => {
    await memberAtStage(db, SHOP, SAM, "adapt");
    expect(await expectDatabaseUnchanged(db, () => post({ ...followed(), tactic: "" }))).toMatchObject({
      status: 400,
      body: { errors: { tactic: expect.stringMatching(/Adapt stage/) } },
    });
    expect(await expectDatabaseUnchanged(db, () => post({ ...followed(), indicator: "units_per_order" }))).toMatchObject({
      status: 400,
      body: { errors: { indicator: expect.stringMatching(/Adapt stage: the indicator is the tactic's/) } },
    });
    expect(await post({ ...followed(), type: "discount", channel: "Email", hypothesis: "A mug at half price with any coffee." })).toMatchObject({
      status: 200,
    });
    expect(await post({ ...followed(), title: "As the playbook has it" })).toMatchObject({ status: 200 });
    expect((await stored()).map((row) => [row.type, row.tacticUse])).toEqual([
      ["discount", "adapted"],
      ["bundle", "followed"],
    ]);
  });

  it("GIVEN Sam at Create THEN a promotion of his own needs no tactic, and one that changes a tactic is saved as adapted", async () => {
    await memberAtStage(db, SHOP, SAM, "create");
    expect(await post({ ...followed(), tactic: "", type: "email", hypothesis: "Our own idea." })).toMatchObject({ status: 200 });
    expect(await post({ ...followed(), type: "discount" })).toMatchObject({ status: 200 });
    expect((await stored()).map((row) => [row.tactic, row.tacticUse])).toEqual([
      [null, null],
      ["aov.bundle", "adapted"],
    ]);
  });

  it("GIVEN the owner THEN their own promotions go beyond any stage, but one Sam runs at Follow is held to Sam's stage", async () => {
    await memberAtStage(db, SHOP, SAM, "follow");
    expect(await post({ ...followed(), tactic: "", type: "email", hypothesis: "" }, OWNER)).toMatchObject({ status: 200 });
    expect(await expectDatabaseUnchanged(db, () => post({ ...followed(), tactic: "", owner: SAM }, OWNER))).toMatchObject({
      status: 400,
      body: { errors: { tactic: expect.stringMatching(/Sam Rivera is at the Follow stage/) } },
    });
    expect(await post({ ...followed(), owner: SAM }, OWNER)).toMatchObject({ status: 200 });
    expect((await stored()).map((row) => [row.ownerId, row.tacticUse])).toEqual([
      [OWNER, null],
      [SAM, "followed"],
    ]);
  });

  it("GIVEN a caller going around the page THEN createPromotions itself refuses a promotion beyond the stage (403's error) and writes nothing", async () => {
    await memberAtStage(db, SHOP, SAM, "follow");
    const sam: Actor = { shop: SHOP, userId: SAM, name: "Sam Rivera", role: "staff", accountOwner: false, collaborator: false, locale: "en" };
    const parsed = parsePromotion({ ...followed(), tactic: "" });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await expectDatabaseUnchanged(db, () => expect(createPromotions(db, sam, [parsed.value], new Date())).rejects.toThrow(/Follow stage/));
  });
});

describe("a spreadsheet import, held to the stage of whoever runs each promotion", () => {
  const HEADER = "title,type,channel,start,end,spend,discount_codes,utm_campaign,indicator,hypothesis,expected_change,owner,tactic";
  const dir = path.resolve("tmp", `team-stages-${process.env.VITEST_POOL_ID ?? 0}-${process.pid}`);
  const quoted = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const row = (title: string, fields: Partial<Record<"type" | "indicator" | "hypothesis" | "owner" | "tactic", string>>) =>
    [
      title,
      fields.type ?? "bundle",
      "",
      "2026-03-01",
      "2026-03-07",
      "0",
      "",
      "",
      fields.indicator ?? "aov",
      fields.hypothesis ?? "",
      "",
      fields.owner ?? "Bo Staff",
      fields.tactic ?? "",
    ]
      .map(quoted)
      .join(",");
  const file = (name: string, rows: string[]) => {
    const target = path.join(dir, name);
    writeFileSync(target, [HEADER, ...rows].join("\n") + "\n");
    return target;
  };

  beforeAll(() => mkdirSync(dir, { recursive: true }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    await resetDatabase();
    await saveShopDetails(db, { shop: SHOP, name: "Stages Shop", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    const at = new Date("2026-03-01T00:00:00Z");
    await db.staffMember.create({
      data: { shop: SHOP, userId: OWNER, name: "Ada Owner", accountOwner: true, collaborator: false, firstSeenAt: at, lastSeenAt: at },
    });
    await memberAtStage(db, SHOP, "2", "follow", "Bo Staff");
  });

  it("GIVEN rows Bo runs at Follow without a tactic, with a tactic the playbook lacks, or with another type THEN exit 2, each with its line and why, nothing imported", async () => {
    const run = await expectDatabaseUnchanged(db, () =>
      cli(
        "promotions",
        "import",
        "--shop",
        SHOP,
        file("beyond.csv", [
          row("No tactic", { hypothesis: bundle("en").hypothesis }),
          row("Made up", { tactic: "Mystery tactic", hypothesis: bundle("en").hypothesis }),
          row("Other type", { tactic: "Bundles", type: "discount", hypothesis: bundle("en").hypothesis }),
          row("The owner's own", { owner: "Ada Owner", type: "email" }),
        ]),
      ),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: line 2: tactic: Bo Staff is at the Follow stage/m);
    expect(run.stderr).toMatch(/^error: line 3: tactic: the playbook has no tactic “Mystery tactic”/m);
    expect(run.stderr).toMatch(/^error: line 4: type: Bo Staff is at the Follow stage: the type is the tactic's \(bundle\)/m);
    expect(run.stderr).not.toMatch(/line 5/);
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe("nothing imported");
  });

  it("GIVEN rows naming the tactic by its title in English or Chinese, or by its key, as the playbook has it THEN they are imported as followed; at Adapt a changed type is imported as adapted and a changed indicator refused", async () => {
    const good = file("followed.csv", [
      row("By title", { tactic: "bundles", hypothesis: bundle("en").hypothesis }),
      row("按中文名", { tactic: bundle("zh-CN").title, hypothesis: bundle("zh-CN").hypothesis }),
      row("By key", { tactic: "aov.bundle", hypothesis: bundle("en").hypothesis }),
    ]);
    const run = await cli("promotions", "import", "--shop", SHOP, good);
    expect(run.code, run.stderr).toBe(0);
    expect((await db.promotion.findMany({ where: { shop: SHOP }, orderBy: { id: "asc" } })).map((row) => [row.tactic, row.tacticUse, row.ownerId])).toEqual(
      Array.from({ length: 3 }, () => ["aov.bundle", "followed", "2"]),
    );
    await memberAtStage(db, SHOP, "2", "adapt" satisfies Stage);
    const adapted = await cli("promotions", "import", "--shop", SHOP, file("adapted.csv", [row("Discounted", { tactic: "Bundles", type: "discount" })]));
    expect(adapted.code, adapted.stderr).toBe(0);
    expect((await db.promotion.findFirstOrThrow({ where: { shop: SHOP, title: "Discounted" } })).tacticUse).toBe("adapted");
    const indicator = await expectDatabaseUnchanged(db, () =>
      cli("promotions", "import", "--shop", SHOP, file("indicator.csv", [row("Other indicator", { tactic: "Bundles", indicator: "orders" })])),
    );
    expect(indicator.code).toBe(2);
    expect(indicator.stderr).toMatch(/line 2: indicator: Bo Staff is at the Adapt stage: the indicator is the tactic's \(Average order value\)/);
  });
});

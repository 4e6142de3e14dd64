import { beforeAll, describe, expect, it } from "vitest";
import { rebuildRollups } from "~/indicators/rollups.server";
import { parseDay } from "~/lib/calendar";
import { action as promotionsAction } from "~/routes/app.promotions";
import { action as targetsAction, loader as targetsLoader } from "~/routes/app.targets";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { targetStatuses } from "~/strategy/target-status.server";
import { saveOrders, saveProducts, saveShopDetails } from "~/sync/store-records.server";
import { runCli } from "../helpers/cli";
import { db, resetDatabase } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord, productRecord } from "../helpers/records";

// Whatever `indicators --json` reports, a target can be set on: from the Targets page's form and from
// `targets set` alike, and its pacing reads the figure the report gives.

const SHOP = "every-indicator.myshopify.com";
const OWNER = "1";
const PERIOD = { from: "2026-10-01", to: "2026-10-07" };

type Result = { ok: boolean; errors?: Record<string, string> };
const postTo = (path: string, action: typeof targetsAction | typeof promotionsAction, fields: Record<string, string>) =>
  embeddedAction(path, SHOP, fields, { userId: OWNER }).then((request) => callAction<Result>(action, request));

const openTargets = async () => callLoader(targetsLoader, await embeddedRequest("/app/targets", SHOP, { userId: OWNER }));

/** A value each kind of indicator (as the form describes it) accepts, as the form takes it (ratios in percent) and as the CLI does (ratios as fractions). */
function valuesFor(kind: string | undefined): { form: string; cli: string } {
  switch (kind) {
    case "ratio":
      return { form: "25", cli: "0.25" };
    case "count":
      return { form: "10", cli: "10" };
    default:
      return { form: "2.5", cli: "2.5" };
  }
}

describe("every reported indicator can be targeted", () => {
  let reported: Record<string, number | null>;

  beforeAll(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: OWNER,
      now: new Date(),
    });
    await saveShopDetails(db, { shop: SHOP, name: "Every Indicator", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
    await saveProducts(db, SHOP, [productRecord()]);
    // A week of orders, some from a newsletter campaign with a discount, returning customers among them.
    await saveOrders(
      db,
      SHOP,
      Array.from({ length: 14 }, (_, i) =>
        orderRecord({
          processedAt: new Date(Date.UTC(2026, 9, 1 + (i % 7), 9 + i)),
          customerId: `gid://shopify/Customer/${(i % 5) + 1}`,
          ...(i % 3 === 0 ? { utmCampaign: "newsletter", totalDiscounts: 10_0000n } : {}),
        }),
      ),
    );
    await rebuildRollups(db, SHOP);
    const promotion = {
      intent: "create_promotion",
      title: "Newsletter",
      type: "email",
      ...{ start: PERIOD.from, end: PERIOD.to },
      spend: "35",
      utmCampaign: "newsletter",
      indicator: "aov",
    };
    expect(await postTo("/app/promotions", promotionsAction, promotion)).toMatchObject({ status: 200 });

    const printed = await runCli(["indicators", "--shop", SHOP, "--from", PERIOD.from, "--to", PERIOD.to, "--json"]);
    expect(printed.code).toBe(0);
    reported = (JSON.parse(printed.stdout) as { indicators: Record<string, number | null> }).indicators;
  }, 60_000);

  it("GIVEN the indicators `indicators --json` reports for a shop with promotions WHEN the Targets page opens THEN its form offers every one of them", async () => {
    expect(Object.keys(reported)).toEqual(expect.arrayContaining(["roas", "marketing_cost_ratio", "marketing_spend"]));
    const page = await openTargets();
    expect(page.indicators.map((option) => option.key)).toEqual(expect.arrayContaining(Object.keys(reported)));
  });

  it("GIVEN each reported indicator WHEN a target is set on it from the form and from `targets set` THEN both accept it, and its pacing reads the reported figure", async () => {
    const keys = Object.keys(reported);
    const kinds = new Map((await openTargets()).indicators.map((option) => [option.key as string, option.kind]));
    // The form first: a month's target on each (the period the form's "month" covers).
    for (const key of keys) {
      const answer = await postTo("/app/targets", targetsAction, {
        intent: "create_target",
        indicator: key,
        periodKind: "month",
        from: "2026-11-01",
        value: valuesFor(kinds.get(key)).form,
      });
      expect({ key, answer }).toMatchObject({ key, answer: { status: 200, body: { ok: true } } });
    }
    // Then the command line, over the week the report covers.
    for (const key of keys) {
      const run = await runCli([
        "targets",
        "set",
        "--shop",
        SHOP,
        "--indicator",
        key,
        "--from",
        PERIOD.from,
        "--to",
        PERIOD.to,
        "--value",
        valuesFor(kinds.get(key)).cli,
        "--json",
      ]);
      expect({ key, code: run.code, stderr: run.stderr }).toEqual({ key, code: 0, stderr: "" });
    }
    expect((await db.target.findMany({ where: { shop: SHOP } })).map((target) => target.indicator).sort()).toEqual([...keys, ...keys].sort());

    // At the week's end each target's value to date is the figure `indicators --json` gives for the week.
    const statuses = await targetStatuses(db, SHOP, parseDay(PERIOD.to)!, { from: parseDay(PERIOD.from)!, to: parseDay(PERIOD.to)! });
    for (const key of keys) {
      const status = statuses.find((candidate) => candidate.indicator === key && candidate.from === PERIOD.from)!;
      if (reported[key] === null) expect({ key, actual: status.actual }).toEqual({ key, actual: null });
      else expect({ key, actual: status.actual }).toEqual({ key, actual: expect.closeTo(reported[key]!, 9) });
    }
  }, 180_000);
});

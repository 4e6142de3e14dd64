import { beforeEach, describe, expect, it, vi } from "vitest";
import { loader as layoutLoader } from "~/routes/app";
import { loader as homeLoader } from "~/routes/app._index";
import { loader as privacyLoader } from "~/routes/app.privacy";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { authenticate, sessionStorage } from "~/shopify.server";
import { rebuildRollups } from "~/indicators/rollups.server";
import { saveOrders, saveProducts, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { callLoader, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord, productRecord } from "../helpers/records";

const SHOP = "home-shop.myshopify.com";

describe("home page loader", () => {
  beforeEach(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: new Date(),
    });
  });

  it("GIVEN a synced store WHEN the owner opens the app from admin THEN the loader returns its name, counts and last sync in its time zone", async () => {
    await saveShopDetails(db, { shop: SHOP, name: "Home Goods", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date("2026-03-29T00:30:00Z") } });
    await saveProducts(db, SHOP, [productRecord()]);
    await saveOrders(db, SHOP, [orderRecord(), orderRecord(), orderRecord({ test: true })]);

    const data = await callLoader(homeLoader, await embeddedRequest("/app", SHOP));

    expect(data.summary).toMatchObject({ name: "Home Goods", orders: 2, products: 1, currencyCode: "EUR" });
    // 00:30 UTC on the day Berlin moves to summer time is 01:30 CET, written as the staff member's admin writes dates (their session says "en").
    expect(data.lastSync).toBe("Mar 29, 2026, 01:30 AM");
    // Admin sends its language on the app's URL: a British admin reads British dates, a Chinese one Chinese dates; the choice is kept for later requests.
    expect((await callLoader(homeLoader, await embeddedRequest("/app?locale=en-GB", SHOP))).lastSync).toBe("29 Mar 2026, 01:30");
    expect((await callLoader(homeLoader, await embeddedRequest("/app?locale=zh-CN", SHOP))).lastSync).toBe("2026年3月29日 01:30");
    expect((await callLoader(homeLoader, await embeddedRequest("/app", SHOP))).lastSync).toBe("2026年3月29日 01:30");
    expect(data.staffName).toBe("Store Owner");

    // Before the indicators are built the dashboard says so; afterwards the counts come from them.
    expect(data.dashboard.state).toBe("preparing");
    // A loader reads: building them is the sync's work, not the page view's.
    expect((await db.shop.findUniqueOrThrow({ where: { shop: SHOP } })).rollupTimeZone).toBeNull();
    await rebuildRollups(db, SHOP);
    const ready = await callLoader(homeLoader, await embeddedRequest("/app?from=2026-03-01&to=2026-03-31", SHOP));
    expect(ready.summary.orders).toBe(2);
    expect(ready.dashboard.state).toBe("ready");
  });

  it("GIVEN a session token signed with another secret WHEN the app is opened THEN it is refused and nothing is shown", async () => {
    const outcome = await callLoader(homeLoader, await embeddedRequest("/app", SHOP, { secret: "forged" })).then(
      () => "served",
      (thrown: unknown) => (thrown instanceof Response ? thrown.status : "error"),
    );
    expect(outcome).not.toBe("served");
    expect([302, 401]).toContain(outcome);
  });

  it("GIVEN the layout's and the page's loaders of one page view, each with its own copy of the request THEN the session is read once and both are served; a forged token is refused to both, each with a response it can read", async () => {
    const page = await embeddedRequest("/app", SHOP);
    const copy = () => new Request(page.url, { headers: page.headers });
    const reads = vi.spyOn(sessionStorage, "loadSession");
    const [layout, home] = await Promise.all([callLoader(layoutLoader, copy()), callLoader(homeLoader, copy())]);
    expect(layout.apiKey).toBeTruthy();
    expect(home.summary.shop).toBe(SHOP);
    expect(reads).toHaveBeenCalledTimes(1);

    // Once settled, nothing is kept: the next view reads the session again.
    await callLoader(homeLoader, copy());
    expect(reads).toHaveBeenCalledTimes(2);
    reads.mockRestore();

    const forged = await embeddedRequest("/app", SHOP, { secret: "forged" });
    const refusals = await Promise.all(
      [0, 1].map(() =>
        authenticate.admin(new Request(forged.url, { headers: forged.headers })).then(
          () => null,
          (thrown: unknown) => thrown,
        ),
      ),
    );
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(Response);
      await (refusal as Response).text();
    }
    expect(refusals[0]).not.toBe(refusals[1]);
  });

  it("GIVEN a data request on record WHEN the owner opens Customer data requests THEN the orders held for that customer are listed", async () => {
    await saveOrders(db, SHOP, [orderRecord({ id: "gid://shopify/Order/77", customerId: "gid://shopify/Customer/5" })]);
    await db.customerDataRequest.create({
      data: { shop: SHOP, webhookId: "w1", customerId: "gid://shopify/Customer/5", ordersRequested: "[]" },
    });
    const data = await callLoader(privacyLoader, await embeddedRequest("/app/privacy", SHOP));
    expect(data.reports).toHaveLength(1);
    expect(data.reports[0]?.ordersHeld).toEqual(["gid://shopify/Order/77"]);
  });
});

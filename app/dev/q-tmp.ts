import { createPrismaClient } from "~/db.server";
import { promotionsPage } from "~/promotions/promotions-page.server";
import { systemActor } from "~/staff/staff.server";
const db = createPrismaClient("file:tmp/bench/tenants/tenants.sqlite");
const shop = "tenants-heavy.myshopify.com";
for (let i = 0; i < 4; i++) {
  const t = performance.now();
  await promotionsPage(db, systemActor(shop), new URLSearchParams(), new Date());
  console.log("promotions page", (performance.now() - t).toFixed(0), "ms");
}

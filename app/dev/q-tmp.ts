import { createPrismaClient } from "~/db.server";
import { dashboardView } from "~/home/dashboard.server";
import { localizer } from "~/i18n/localizer";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { formatDay } from "~/lib/calendar";
const url = "file:tmp/bench/tenants/tenants.sqlite";
const db = createPrismaClient(url);
for (const shop of ["tenants-heavy.myshopify.com", "tenants-neighbour.myshopify.com"]) {
  const record = await db.shop.findUniqueOrThrow({ where: { shop } });
  const last = await db.order.findFirst({ where: { shop }, orderBy: { processedAt: "desc" } });
  const lastDay = timeZone(record.ianaTimezone).localDay(last!.processedAt.getTime());
  const params = new URLSearchParams({ from: formatDay(lastDay - 29), to: formatDay(lastDay) });
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await dashboardView(db, shop, params, new Date(), record, localizer("en"));
    console.log(shop, (performance.now() - t).toFixed(0), "ms");
  }
}

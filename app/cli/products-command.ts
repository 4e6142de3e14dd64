import { productJson } from "~/indicators/json";
import { productReport } from "~/indicators/report.server";
import { ensureRollups } from "~/indicators/rollups.server";
import { currentLocalizer } from "~/i18n/scope";
import { rebuildProgress } from "./progress";
import { knownShop, parsePeriod, REPORT_OPTIONS } from "./report-args";

export const productsCommand = {
  summary: "per-product indicators for a period",
  options: REPORT_OPTIONS,
  maxPositionals: 0,
  async run(values: Record<string, string | boolean | undefined>) {
    const period = parsePeriod(values);
    const { default: db } = await import("~/db.server");
    const shop = await knownShop(db, values.shop);
    await ensureRollups(db, shop.shop, rebuildProgress(shop.shop));
    const products = (await productReport(db, shop.shop, period)).map(productJson);
    if (values.json) {
      console.log(JSON.stringify({ products }));
      return;
    }
    const { t } = currentLocalizer();
    console.log(
      [
        t("cli.products.units"),
        t("cli.products.netSales"),
        t("cli.products.orders"),
        t("cli.products.attach"),
        t("cli.products.attract"),
        t("cli.products.product"),
      ].join("\t"),
    );
    for (const product of products) {
      const percent = (value: unknown) => (typeof value === "number" ? `${(value * 100).toFixed(1)}%` : "—");
      console.log([product.units, product.net_sales, product.orders, percent(product.attach_rate), percent(product.attraction_rate), product.title].join("\t"));
    }
  },
} as const;

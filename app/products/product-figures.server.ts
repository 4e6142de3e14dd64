/**
 * A product's figures for the admin block on its page (extensions/product-figures): its last 30
 * days that have ended (units, net sales, attach rate, attraction rate, margin with its cost
 * coverage) and the promotions it is linked to.
 */
import type { PrismaClient } from "@prisma/client";
import type { Localizer } from "~/i18n/localizer";
import { formatValue } from "~/indicators/format";
import type { ProductIndicators } from "~/indicators/engine";
import { jsonValue } from "~/indicators/json";
import { productReport } from "~/indicators/report.server";
import { formatDateRange } from "~/lib/dates";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { promotionStatus, statusLabel } from "~/promotions/promotion-status";
import type { ProductFigures } from "../../extensions/product-figures/src/figures";

/** Linked promotions listed at most (latest first). */
const PROMOTIONS_LISTED = 5;

/**
 * The product's cost of all goods (METRICS.md's `cogs_all` over its lines), saying how much of it is
 * an estimate: the share of its sales whose cost is known, the rest at the owner's default rate or at
 * none. Fees, shipping and other costs belong to orders and the shop, not to a product: METRICS.md
 * defines none of them per product, so the block shows none.
 */
function costOfAllGoods(
  product: ProductIndicators,
  rate: string | null,
  show: (kind: "money" | "ratio", value: bigint | number | null) => string,
  { t }: Localizer,
): { label: string; value: string } {
  const amount = show("money", product.cogs_all);
  const known = product.cost_coverage;
  const value =
    known === null || known >= 1
      ? amount
      : rate === null
        ? t("productBlock.cogsAllNoRate", { amount, coverage: show("ratio", known) })
        : t("productBlock.cogsAllAtRate", { amount, coverage: show("ratio", known), rate: show("ratio", Number(rate)) });
  return { label: t("productBlock.cogsAll"), value };
}

/** The figures in the words and formats of `l10n` (the language the block itself shows). */
export async function productFigures(db: PrismaClient, shop: string, numericId: string, now: Date, l10n: Localizer): Promise<ProductFigures | null> {
  const { t, locale } = l10n;
  if (!/^\d{1,20}$/.test(numericId)) return null;
  const record = await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true, currencyCode: true } });
  if (!record) return null;
  const productId = `gid://shopify/Product/${numericId}`;
  const today = timeZone(record.ianaTimezone).localDay(now.getTime());
  const period = { from: today - 30, to: today - 1 };
  const [report, links, settings] = await Promise.all([
    productReport(db, shop, period),
    db.promotionProduct.findMany({ where: { shop, productId }, select: { promotionId: true } }),
    db.costSettings.findUnique({ where: { shop }, select: { defaultCostRate: true } }),
  ]);
  const product = report.find((row) => row.product_id === productId);
  const show = (kind: "money" | "count" | "ratio", value: bigint | number | null | undefined) =>
    formatValue(kind, jsonValue(value ?? null), record.currencyCode, locale);
  const promotions = await db.promotion.findMany({
    where: { shop, archivedAt: null, id: { in: links.map((link) => link.promotionId) } },
    orderBy: [{ start: "desc" }, { id: "desc" }],
    take: PROMOTIONS_LISTED,
  });
  return {
    period: t("productBlock.period", { range: formatDateRange(period.from, period.to, locale) }),
    rows: [
      { label: t("productBlock.units"), value: show("count", product?.units ?? 0) },
      { label: t("productBlock.netSales"), value: show("money", product?.net_sales ?? 0n) },
      { label: t("productBlock.attachRate"), value: show("ratio", product?.attach_rate) },
      { label: t("productBlock.attractionRate"), value: show("ratio", product?.attraction_rate) },
      {
        label: t("productBlock.grossMargin"),
        value:
          product?.gross_margin === null || product === undefined
            ? "—"
            : t("productBlock.margin", { margin: show("ratio", product.gross_margin), coverage: show("ratio", product.cost_coverage) }),
      },
      ...(product ? [costOfAllGoods(product, settings?.defaultCostRate ?? null, show, l10n)] : []),
    ],
    promotions: promotions.map((promotion) => ({
      id: promotion.id,
      title: promotion.title,
      dates: formatDateRange(promotion.start, promotion.end, locale),
      status: statusLabel(promotionStatus(promotion, today), l10n),
    })),
    promotionsPath: "/app/promotions",
  };
}

/** Where a period's ad spend came from, in the reader's words (pure): a platform, the sales channels' reports to Shopify, or imports. */
import type { Localizer } from "~/i18n/localizer";
import { isAdPlatform } from "./platforms/types";

export function adSpendSourceLabel(source: string, { t }: Pick<Localizer, "t">): string {
  if (source === "shopify") return t("home.adSpend.shopify");
  if (source === "import") return t("home.adSpend.imported");
  return isAdPlatform(source) ? t(`costs.ads.platforms.${source}`) : source;
}

import { isShopDomain, normalizeShopDomain } from "~/shops/shop-domain";
import { currentLocalizer } from "~/i18n/scope";

/** A mistake in how a command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function parsePort(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(currentLocalizer().t("cli.args.port", { flag, value: value.slice(0, 40) }));
  return port;
}

export function parsePositiveInt(value: string | undefined, flag: string, fallback: number, max = 1_000_000_000): number {
  if (value === undefined) return fallback;
  const { t, locale } = currentLocalizer();
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(t("cli.args.positive", { flag, value: value.slice(0, 40) }));
  if (Number(value) > max)
    throw new UsageError(
      t("cli.args.atMost", { flag, max: max.toLocaleString(locale), value: value.length > 20 ? t("cli.args.digits", { count: value.length }) : value }),
    );
  return Number(value);
}

export function parseShopDomain(value: string | undefined): string {
  const { t } = currentLocalizer();
  if (!value) throw new UsageError(t("cli.args.shopRequired"));
  const shop = normalizeShopDomain(value);
  if (!isShopDomain(shop)) throw new UsageError(t("cli.args.shopDomain", { value: value.slice(0, 80) }));
  return shop;
}

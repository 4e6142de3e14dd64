/**
 * `ads`: the ad platforms from the command line. `connect` makes the owner's consent round trip
 * against a devstore on loopback (a real platform's consent needs the owner in a browser: the
 * Costs page), connecting every ad account it serves, and reads their days at once; `list` shows
 * each connection's accounts, state, last refresh and spend read; `sync` reads every connection's
 * days now; `rate` sets the owner's rate for an account currency's month. Bad options exit 2 with
 * nothing changed.
 */
import type { PrismaClient } from "@prisma/client";
import { currentLocalizer } from "~/i18n/scope";
import { terminalProgress } from "./progress";
import { knownShop } from "./report-args";
import { UsageError } from "./usage-error";

const ACTIONS: Record<string, readonly string[]> = {
  connect: ["platform", "origin"],
  list: ["json"],
  sync: [],
  rate: ["currency", "month", "rate"],
  import: [],
};

export const adsCommand = {
  summary: "connect ad platforms, list their accounts and spend, read their days now, set currency rates",
  options: {
    shop: { type: "string" },
    platform: { type: "string" },
    origin: { type: "string" },
    currency: { type: "string" },
    month: { type: "string" },
    rate: { type: "string" },
    json: { type: "boolean" },
  },
  maxPositionals: 2, // the action, and import's file
  async run(values: Record<string, string | boolean | undefined>, positionals: string[]) {
    const { t } = currentLocalizer();
    const action = positionals[0];
    if (!action || !ACTIONS[action]) throw new UsageError(action ? t("cli.ads.actionNot", { words: action.slice(0, 40) }) : t("cli.ads.action"));
    const stray = Object.keys(values).find((name) => name !== "shop" && values[name] !== undefined && !ACTIONS[action]!.includes(name));
    if (stray) throw new UsageError(t("cli.ads.optionNot", { action, option: `--${stray}` }));
    const { default: db } = await import("~/db.server");
    const shop = await knownShop(db, values.shop);
    if (action === "connect") return connect(db, shop.shop, values);
    if (action === "sync") return sync(db, shop.shop);
    if (action === "rate") return rate(db, shop, values);
    if (action === "import") return importFile(db, shop, positionals[1]);
    if (positionals.length > 1) throw new UsageError(t("cli.ads.optionNot", { action, option: positionals[1]! }));
    return list(db, shop.shop, values.json === true);
  },
} as const;

async function connect(db: PrismaClient, shop: string, values: Record<string, string | boolean | undefined>) {
  const { t } = currentLocalizer();
  const [{ isAdPlatform }, { connectAtDevstore }, { parseLoopbackOrigin }, { createJobQueue }] = await Promise.all([
    import("~/ads/platforms/types"),
    import("~/ads/connect-flow.server"),
    import("~/admin-api/admin-origin"),
    import("~/jobs/jobs.server"),
  ]);
  const platform = String(values.platform ?? "");
  if (!isAdPlatform(platform)) throw new UsageError(t("costs.ads.errors.platform", { given: platform.slice(0, 20) }));
  const record = await db.shop.findUniqueOrThrow({ where: { shop }, select: { adminOrigin: true } });
  const given = typeof values.origin === "string" ? values.origin : record.adminOrigin;
  if (!given) throw new UsageError(t("cli.ads.needsBrowser", { platform }));
  let origin: string;
  try {
    origin = parseLoopbackOrigin(given);
  } catch (error) {
    throw new UsageError(t("cli.ads.badOrigin", { origin: given.slice(0, 80), reason: (error as Error).message }));
  }
  // The shop's platforms answer at that devstore from now on.
  await db.shop.update({ where: { shop }, data: { adminOrigin: origin } });
  let outcome: Awaited<ReturnType<typeof connectAtDevstore>>;
  try {
    const queue = createJobQueue(db);
    outcome = await connectAtDevstore(db, queue, shop, platform, new Date()).finally(() => queue.stop());
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new UsageError(t("cli.ads.unreachable", { origin, reason: error.message }));
  }
  if (!outcome.ok && "status" in outcome) throw new UsageError(t("cli.ads.noConsent", { platform, status: outcome.status }));
  if (!outcome.ok) {
    console.error(t("costs.ads.errors.connectFailed", { platform, reason: outcome.reason }));
    return 1;
  }
  console.log(t("cli.ads.connected", { platform, count: outcome.accounts }));
  return sync(db, shop, [platform]);
}

async function sync(db: PrismaClient, shop: string, platforms?: ("meta" | "google" | "tiktok")[]) {
  const { t } = currentLocalizer();
  const { refreshAdSpend } = await import("~/ads/connections.server");
  const progress = terminalProgress();
  const results = await refreshAdSpend(db, shop, new Date(), {
    platforms,
    onProgress: ({ platform, accountId, since, until }) => progress.update(t("cli.ads.reading", { platform, account: accountId, since, until })),
  });
  progress.clear();
  if (results.length === 0) console.log(t("cli.ads.noneConnected"));
  for (const result of results) {
    const days = result.accounts.reduce((sum, account) => sum + account.days, 0);
    if (result.outcome === "ok") console.log(t("cli.ads.synced", { platform: result.platform, accounts: result.accounts.length, days }));
    else
      console.log(t(result.outcome === "reconnect" ? "cli.ads.reconnect" : "cli.ads.unavailable", { platform: result.platform, reason: result.error ?? "" }));
  }
  return results.some((result) => result.outcome !== "ok") ? 1 : 0;
}

async function rate(db: PrismaClient, shop: { shop: string; currencyCode: string }, values: Record<string, string | boolean | undefined>) {
  const { t } = currentLocalizer();
  const { parseCurrencyRate, setCurrencyRate } = await import("~/ads/ads-view.server");
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : null);
  const parsed = parseCurrencyRate({ currency: text("currency"), month: text("month"), rate: text("rate") }, shop.currencyCode, t);
  if (!parsed.ok) {
    const [field, problem] = Object.entries(parsed.errors)[0]!;
    throw new UsageError(t("cli.ads.invalid", { flag: `--${field}`, problem }));
  }
  await setCurrencyRate(db, shop.shop, parsed.value);
  console.log(t("costs.ads.messages.rateSaved", parsed.value));
  return 0;
}

async function importFile(db: PrismaClient, shop: { shop: string; currencyCode: string; ianaTimezone: string }, file: string | undefined) {
  const { t, locale } = currentLocalizer();
  if (!file) throw new UsageError(t("cli.ads.fileRequired"));
  const [{ readFileSync, statSync }, { readSpendCsv }, { importSpend }, { timeZone }, { formatValue, exactAmount }] = await Promise.all([
    import("node:fs"),
    import("~/ads/spend-csv"),
    import("~/ads/ads-view.server"),
    import("@throughline/shopify-common/time-zone"),
    import("~/indicators/format"),
  ]);
  let bytes: Uint8Array;
  try {
    if (!statSync(file).isFile()) throw new UsageError(t("costs.cli.notAFile", { file }));
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(t("costs.cli.noSuchFile", { file }));
  }
  const promotions = await db.promotion.findMany({ where: { shop: shop.shop, archivedAt: null }, select: { id: true, title: true, utmCampaign: true } });
  const today = timeZone(shop.ianaTimezone).localDay(Date.now());
  const parsed = readSpendCsv(bytes, { shopCurrency: shop.currencyCode, today, promotions });
  if (!parsed.ok) {
    for (const error of parsed.errors) console.error(error);
    return 2;
  }
  const result = await importSpend(db, shop.shop, parsed.rows, new Date());
  console.log(
    t("ads.csv.imported", {
      days: result.days,
      promotions: result.promotions,
      amount: formatValue("money", exactAmount(result.total), shop.currencyCode, locale),
    }),
  );
  return 0;
}

async function list(db: PrismaClient, shop: string, json: boolean) {
  const { t } = currentLocalizer();
  const { adsView } = await import("~/ads/ads-view.server");
  const view = await adsView(db, shop);
  const connected = view.platforms.filter((platform) => platform.connection !== null);
  if (json) {
    console.log(
      JSON.stringify({
        currency: view.shopCurrency,
        platforms: connected.map((platform) => ({
          platform: platform.platform,
          state: platform.connection!.state,
          connected_at: platform.connection!.connectedAt,
          refreshed_at: platform.connection!.refreshedAt,
          failing_since: platform.connection!.failingSince,
          error: platform.connection!.lastError,
          accounts: platform.accounts.map((account) => ({
            id: account.accountId,
            name: account.name,
            currency: account.currency,
            time_zone: account.timeZone,
            selected: account.selected,
            read_through: account.readThrough,
            spend_to_date: account.spendToDate,
            spend_to_date_in_shop_currency: account.spendToDateInShopCurrency,
          })),
        })),
        missing_rates: view.missingRates,
        shopify_reports: { read_through: view.shopifyReports.readThrough, channels: view.shopifyReports.channels },
      }),
    );
    return 0;
  }
  if (connected.length === 0) console.log(t("cli.ads.noneConnected"));
  for (const platform of connected) {
    const connection = platform.connection!;
    console.log(
      t("cli.ads.platformLine", {
        platform: platform.platform,
        state: connection.state,
        refreshed: connection.refreshedAt ?? "—",
        failing: connection.failingSince ? t("cli.ads.failingSince", { since: connection.failingSince, reason: connection.lastError ?? "" }) : "",
      }).trimEnd(),
    );
    for (const account of platform.accounts) {
      console.log(
        t("cli.ads.accountLine", {
          id: account.accountId,
          name: account.name,
          currency: account.currency,
          through: account.readThrough ?? "—",
          spend: account.spendToDate,
          counted: account.selected ? "" : t("cli.ads.leftOut"),
        }).trimEnd(),
      );
    }
  }
  for (const missing of view.missingRates) console.log(t("costs.ads.missingRate", missing));
  return 0;
}

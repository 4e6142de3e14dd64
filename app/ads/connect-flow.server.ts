/**
 * The owner's round trip to an ad platform and back. The Costs page asks for the consent page's
 * URL (the app leaves Shopify admin's frame for it: platforms refuse to be framed); the platform
 * sends the owner back to /ads/callback/<platform>, outside admin, where the answer is checked,
 * the connection stored and its backfill queued, and the owner returned to the Costs page in admin
 * (or in the local preview, for a devstore shop).
 */
import type { PrismaClient } from "@prisma/client";
import { env } from "~/env.server";
import { JOB } from "~/jobs/names";
import type { JobQueue } from "~/jobs/queue";
import { PREVIEW_PATH } from "~/preview/paths";
import { AdPlatformNotConfigured, beginAdConnection, completeAdConnection, type AdClientFactory } from "./connections.server";
import { AdPlatformUnavailable, AdReconnectNeeded, AdRequestRefused, type AdPlatform } from "./platforms/types";

export const CALLBACK_PATH = "/ads/callback";

export function callbackUri(platform: AdPlatform): string {
  return `${env().appUrl.replace(/\/$/, "")}${CALLBACK_PATH}/${platform}`;
}

/** Where a shop's owner sees an app page: Shopify admin, or the local preview for a devstore shop. */
export async function adminPageUrl(db: PrismaClient, shop: string, path: string, locale: string | null = null): Promise<string> {
  const record = await db.shop.findUnique({ where: { shop }, select: { adminOrigin: true } });
  const config = env();
  if (record?.adminOrigin && config.previewEnabled) {
    return `${config.appUrl.replace(/\/$/, "")}${PREVIEW_PATH}?${new URLSearchParams({ shop, path, ...(locale ? { locale } : {}) })}`;
  }
  return `https://admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}/apps/${config.apiKey}${path}`;
}

/** The consent page's URL for the shop's owner (a devstore shop's platforms answer at its devstore). */
export async function connectUrl(
  db: PrismaClient,
  shop: string,
  platform: AdPlatform,
  now: Date,
  clients?: AdClientFactory,
  locale: string | null = null,
): Promise<string> {
  const record = await db.shop.findUnique({ where: { shop }, select: { adminOrigin: true } });
  return beginAdConnection(db, { shop, platform, origin: record?.adminOrigin ?? null, redirectUri: callbackUri(platform), now, locale }, clients);
}

export type CallbackOutcome =
  { ok: true; shop: string; accounts: number; locale: string | null } | { ok: false; shop: string | null; reason: string; locale?: string | null };

/** The platform's answer at the callback: connected (its backfill queued), or why not, in the platform's or the app's words. */
export async function handleCallback(
  db: PrismaClient,
  queue: Pick<JobQueue, "enqueue">,
  platform: AdPlatform,
  query: URLSearchParams,
  now: Date,
  clients?: AdClientFactory,
): Promise<CallbackOutcome> {
  const state = query.get("state") ?? "";
  const started = state ? await db.adAuthorization.findUnique({ where: { state }, select: { shop: true, locale: true } }) : null;
  const shopOfState = started?.shop ?? null;
  // The owner said no at the platform (Meta's and Google's `error`, TikTok's missing auth_code).
  const code = query.get("code") ?? query.get("auth_code");
  if (!code) {
    if (state) await db.adAuthorization.deleteMany({ where: { state } });
    const said = query.get("error_description") ?? query.get("error_reason") ?? query.get("error") ?? "no authorization code";
    return { ok: false, shop: shopOfState, reason: said.slice(0, 200), locale: started?.locale ?? null };
  }
  try {
    const { shop, accounts, locale } = await completeAdConnection(db, { platform, state, code, now }, clients);
    await queue.enqueue({ name: JOB.adsRefresh, data: { shop } });
    return { ok: true, shop, accounts: accounts.length, locale };
  } catch (error) {
    if (
      error instanceof AdRequestRefused ||
      error instanceof AdReconnectNeeded ||
      error instanceof AdPlatformUnavailable ||
      error instanceof AdPlatformNotConfigured
    ) {
      return { ok: false, shop: shopOfState, reason: error.message.slice(0, 300), locale: started?.locale ?? null };
    }
    throw error;
  }
}

/**
 * The consent round trip made by the app itself, against a devstore on loopback (the command line,
 * the demo): the devstore's consent page redirects at once, as the owner clicking "Allow" would.
 */
export async function connectAtDevstore(
  db: PrismaClient,
  queue: Pick<JobQueue, "enqueue">,
  shop: string,
  platform: AdPlatform,
  now: Date,
): Promise<CallbackOutcome | { ok: false; shop: string; reason: string; status: number }> {
  const response = await fetch(await connectUrl(db, shop, platform, now), { redirect: "manual" });
  const location = response.headers.get("location");
  if (response.status !== 302 || !location) return { ok: false, shop, reason: `HTTP ${response.status}`, status: response.status };
  return handleCallback(db, queue, platform, new URL(location).searchParams, now);
}

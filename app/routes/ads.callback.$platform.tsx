import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { adminPageUrl, handleCallback } from "~/ads/connect-flow.server";
import { isAdPlatform } from "~/ads/platforms/types";
import db from "~/db.server";
import { jobQueue } from "~/jobs/jobs.server";

/**
 * GET /ads/callback/<platform>: where an ad platform sends the owner back after consent. Outside
 * Shopify admin (no session token): the single-use state names the shop. The owner lands on the
 * Costs page, which says what happened.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const platform = params.platform ?? "";
  if (!isAdPlatform(platform)) return new Response("Not an ad platform Throughline connects.", { status: 404 });
  const outcome = await handleCallback(db, jobQueue(db), platform, new URL(request.url).searchParams, new Date());
  if (outcome.shop === null) {
    return new Response(
      `This connection link is not one Throughline started, was used already or expired: start again from the Costs page. (${outcome.ok ? "" : outcome.reason})`,
      {
        status: 400,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      },
    );
  }
  const query = outcome.ok
    ? new URLSearchParams({ ads_connected: platform, accounts: String(outcome.accounts) })
    : new URLSearchParams({ ads_refused: platform, reason: outcome.reason });
  return redirect(await adminPageUrl(db, outcome.shop, `/app/costs?${query}`, outcome.locale ?? null));
}

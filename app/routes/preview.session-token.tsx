import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { env } from "~/env.server";
import { previewShop, previewUserId } from "~/preview/preview-access.server";
import { mintSessionToken } from "~/preview/session-token.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const shop = await previewShop(db, new URL(request.url).searchParams.get("shop"));
  const { apiKey, apiSecret } = env();
  const token = await mintSessionToken({ shop, userId: previewUserId(request), apiKey, apiSecret });
  return Response.json({ token }, { headers: { "Cache-Control": "no-store" } });
};

import { env } from "~/env.server";
import { adminHostParam, mintSessionToken } from "~/preview/session-token.server";

/** A document request as Shopify admin makes it to an embedded app: embedded=1, shop, host and an id_token. */
export async function embeddedRequest(path: string, shop: string, { userId = "1", secret }: { userId?: string; secret?: string } = {}) {
  const { apiKey, apiSecret, appUrl } = env();
  const token = await mintSessionToken({ shop, userId, apiKey, apiSecret: secret ?? apiSecret });
  const url = new URL(path, appUrl);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", shop);
  url.searchParams.set("host", adminHostParam(shop));
  url.searchParams.set("id_token", token);
  return new Request(url);
}

type Loader<T> = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<T>;

export async function callLoader<T>(loader: Loader<T>, request: Request): Promise<T> {
  return loader({ request, params: {}, context: {} });
}

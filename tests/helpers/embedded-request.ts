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

/** A form post from inside the embedded app: App Bridge adds the session token as a bearer header. */
export async function embeddedAction(path: string, shop: string, fields: Record<string, string>, { userId = "1" }: { userId?: string } = {}) {
  const { apiKey, apiSecret, appUrl } = env();
  const token = await mintSessionToken({ shop, userId, apiKey, apiSecret });
  return new Request(new URL(path, appUrl), { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: new URLSearchParams(fields) });
}

type Action = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>;

/** Calls an action and gives its status and body, whether it returned a Response or Remix's data(). */
export async function callAction<T>(action: Action, request: Request): Promise<{ status: number; body: T }> {
  const result = await action({ request, params: {}, context: {} });
  if (result instanceof Response) return { status: result.status, body: (await result.json()) as T };
  const value = result as { type?: string; data?: unknown; init?: { status?: number } };
  if (value.type === "DataWithResponseInit") return { status: value.init?.status ?? 200, body: value.data as T };
  return { status: 200, body: result as T };
}

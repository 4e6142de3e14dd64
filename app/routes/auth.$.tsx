import type { LoaderFunctionArgs } from "@remix-run/node";
import { LoginErrorType } from "@shopify/shopify-app-remix/server";
import { authenticate, login } from "~/shopify.server";

/**
 * /auth/*: with token exchange Shopify admin installs and authenticates the app itself, so the only
 * page a person may reach here is /auth/login. Given a shop it sends them to the shop's install
 * page (shopify-app-remix's `login`); without one, or with something that isn't a shop, it says
 * what to do (400), instead of failing inside `authenticate.admin`.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  if (new URL(request.url).pathname === "/auth/login") {
    // Redirects (throws) for a valid shop.
    const errors = await login(request);
    const message =
      errors.shop === LoginErrorType.InvalidShop
        ? "That is not a Shopify store's domain: give it as your-store.myshopify.com (/auth/login?shop=your-store.myshopify.com)."
        : "Throughline opens from your Shopify admin (Apps → Throughline). To install it, give your store: /auth/login?shop=your-store.myshopify.com";
    return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  await authenticate.admin(request);
  return null;
};

import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { env } from "~/env.server";
import { PREVIEW_PATH } from "~/preview/paths";
import { sanitizeShop } from "~/shopify.server";

// Shopify opens the app at its URL with ?shop=...; the app itself lives under /app. Anything but a
// shop's domain there is no reason to send anyone on (nor to echo it in a Location header).
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (sanitizeShop(url.searchParams.get("shop"))) throw redirect(`/app?${url.searchParams.toString()}`);
  // Locally (npm run demo), the app opens inside the admin preview.
  if (env().previewEnabled) throw redirect(PREVIEW_PATH);
  return null;
};

export default function Index() {
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "4rem auto", lineHeight: 1.5 }}>
      <h1>Throughline</h1>
      <p>
        Store indicators, the owner&apos;s targets and the team&apos;s promotions, reviewed every week inside Shopify admin. Install it from your Shopify admin;
        it opens there.
      </p>
    </main>
  );
}

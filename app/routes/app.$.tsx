import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { authenticate } from "~/shopify.server";

/** Any address under /app that no page answers: 404, shown by the app's error page (with a way home) inside the admin. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  throw data("No such page", { status: 404 });
};

/** Never shown (the loader always throws): the component makes this a page, so the app's error page answers, not raw JSON. */
export default function NoSuchPage() {
  return null;
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { searchProducts } from "~/promotions/product-search.server";
import { asActingStaff } from "~/staff/acting.server";

/** The store's products whose title holds ?q= (for linking products to a promotion). */
export const loader = ({ request }: LoaderFunctionArgs) =>
  asActingStaff(request, async (actor) => ({ products: await searchProducts(db, actor.shop, new URL(request.url).searchParams.get("q") ?? "") }));

import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { storeDiscountCodes } from "~/promotions/store-codes.server";
import { asActingStaff } from "~/staff/acting.server";

/** GET /app/discount-codes: the codes the store's buyers used, most used first (the promotion form offers them). */
export const loader = ({ request }: LoaderFunctionArgs) => asActingStaff(request, async (actor) => ({ codes: await storeDiscountCodes(db, actor.shop) }));

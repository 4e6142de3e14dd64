import { parseLoopbackOrigin } from "~/admin-api/admin-origin";
import { connectAndSync } from "./connect-and-sync";
import { parseShopDomain, UsageError } from "./usage-error";

export const syncCommand = {
  summary: "copy a shop's orders and products",
  options: {
    shop: { type: "string" },
    "admin-origin": { type: "string" },
    token: { type: "string" },
    full: { type: "boolean" },
  },
  maxPositionals: 0,
  async run(values: Record<string, string | boolean | undefined>) {
    const shop = parseShopDomain(values.shop as string | undefined);
    let adminOrigin: string | undefined;
    if (values["admin-origin"] !== undefined) {
      try {
        adminOrigin = parseLoopbackOrigin(String(values["admin-origin"]));
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    }
    const { default: db } = await import("~/db.server");
    await connectAndSync({
      db,
      shop,
      adminOrigin,
      token: (values.token as string | undefined) ?? "devstore-token",
      full: Boolean(values.full),
    });
  },
} as const;

import { env } from "~/env.server";
import { appBridgeStandInScript } from "~/preview/app-bridge-stand-in";

export const loader = async () => {
  if (!env().previewEnabled) throw new Response("Not found", { status: 404 });
  return new Response(appBridgeStandInScript(), {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" },
  });
};

import type { ActionFunctionArgs } from "@remix-run/node";
import { connectUrl } from "~/ads/connect-flow.server";
import { AdPlatformNotConfigured } from "~/ads/connections.server";
import { isAdPlatform } from "~/ads/platforms/types";
import db from "~/db.server";
import { currentLocalizer } from "~/i18n/scope";
import { actingStaffAction } from "~/staff/acting.server";
import { requirePermission } from "~/staff/staff.server";

export type AdsConnectResult =
  { intent: "connect_ad_platform"; ok: true; url: string } | { intent: "connect_ad_platform"; ok: false; errors: Record<string, string> };

/** POST /app/ads-connect (platform): the consent page to send the owner to, with its state stored. */
export const action = ({ request }: ActionFunctionArgs) =>
  actingStaffAction<AdsConnectResult>(request, async (actor, form, now) => {
    requirePermission(actor, "edit_costs");
    const { t } = currentLocalizer();
    const platform = String(form.get("platform") ?? "");
    if (!isAdPlatform(platform)) {
      return {
        status: 400,
        body: { intent: "connect_ad_platform", ok: false, errors: { platform: t("costs.ads.errors.platform", { given: platform.slice(0, 20) }) } },
      };
    }
    try {
      return { status: 200, body: { intent: "connect_ad_platform", ok: true, url: await connectUrl(db, actor.shop, platform, now, undefined, actor.locale) } };
    } catch (error) {
      if (!(error instanceof AdPlatformNotConfigured)) throw error;
      const name = t(`costs.ads.platforms.${platform}`);
      return { status: 409, body: { intent: "connect_ad_platform", ok: false, errors: { platform: t("costs.ads.errors.notConfigured", { platform: name }) } } };
    }
  });

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { RefusalSection, revalidateAfterRefusal } from "~/components/RefusalBanner";
import { useSuccessToast } from "~/components/toast";
import { AdsCard } from "~/components/costs/AdsCard";
import { CustomCostsCard } from "~/components/costs/CustomCostsCard";
import { DefaultRateCard } from "~/components/costs/DefaultRateCard";
import { FeesCard } from "~/components/costs/FeesCard";
import { ShippingCard } from "~/components/costs/ShippingCard";
import { HistoryCard } from "~/components/targets/HistoryCard";
import { costsAction, costsPage, type CostsActionResult } from "~/costs/costs-page.server";
import db from "~/db.server";
import { useLocale } from "~/i18n/react";
import { jobQueue } from "~/jobs/jobs.server";
import { actingStaffAction, asActingStaff } from "~/staff/acting.server";

export const loader = ({ request }: LoaderFunctionArgs) => asActingStaff(request, (actor, now) => costsPage(db, actor, now));

export const action = ({ request }: ActionFunctionArgs) =>
  actingStaffAction<CostsActionResult>(request, (actor, form, now) => costsAction(db, jobQueue(db), actor, form, now));

export const shouldRevalidate = revalidateAfterRefusal;

export default function Costs() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useSuccessToast(result);
  const { t } = useLocale();
  const errorsOf = (...intents: string[]) => (result && !result.ok && intents.includes(result.intent) ? result.errors : {});
  return (
    <Page title={t("costs.page.title")} subtitle={t("costs.page.subtitle", { name: page.actor.name, role: page.actor.roleLabel })}>
      <Layout>
        {!page.canEdit ? (
          <Layout.Section>
            <Banner tone="info" title={t("costs.page.readOnlyTitle")}>
              <p>{t("costs.page.readOnlyDetail")}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {page.applying ? (
          <Layout.Section>
            <Banner tone="info" title={t("costs.page.applyingTitle")}>
              <p>
                {page.applying.total === null
                  ? t("costs.page.applyingQueued")
                  : t("costs.page.applyingProgress", { done: page.applying.done, total: page.applying.total })}
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        <RefusalSection message={result && !result.ok ? result.errors.form : undefined} />
        <Layout.Section>
          <BlockStack gap="400">
            {/* Each section's id is where Home's costs step links (costs-<part>). */}
            <div id="costs-fees">
              <FeesCard
                used={page.usedGateways}
                usedDays={page.usedGatewayDays}
                fees={page.gatewayFees}
                suggestions={page.gatewaySuggestions}
                currency={page.currency}
                canEdit={page.canEdit}
                errors={errorsOf("set_gateway_fee", "remove_gateway_fee")}
              />
            </div>
            <div id="costs-shipping">
              <ShippingCard
                rules={page.shippingRules}
                imported={page.importedShipping}
                currency={page.currency}
                timeZone={page.timeZone}
                canEdit={page.canEdit}
                errors={errorsOf("set_shipping_rule", "remove_shipping_rule", "import_shipping_costs")}
              />
            </div>
            <div id="costs-fixed_costs">
              <CustomCostsCard
                costs={page.customCosts}
                currency={page.currency}
                canEdit={page.canEdit}
                errors={errorsOf("create_custom_cost", "update_custom_cost", "remove_custom_cost")}
              />
            </div>
            <div id="costs-default_rate">
              <DefaultRateCard rate={page.defaultCostRate} canEdit={page.canEdit} errors={errorsOf("set_default_cost_rate")} />
            </div>
            <div id="costs-ads">
              <AdsCard
                ads={page.ads}
                timeZone={page.timeZone}
                canEdit={page.canEdit}
                errors={errorsOf(
                  "select_ad_account",
                  "disconnect_ad_platform",
                  "refresh_ad_spend",
                  "set_currency_rate",
                  "remove_currency_rate",
                  "import_ad_spend",
                )}
              />
            </div>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <HistoryCard history={page.history} timeZone={page.timeZone} words={{ title: t("costs.history.title"), none: t("costs.history.none") }} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

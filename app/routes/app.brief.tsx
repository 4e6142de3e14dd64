import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page, Text } from "@shopify/polaris";
import { BriefDeliveriesCard } from "~/components/brief/BriefDeliveriesCard";
import { BriefPreviewCard } from "~/components/brief/BriefPreviewCard";
import { SendNowCard, SlackCard, YourBriefCard } from "~/components/brief/BriefSettingsCards";
import { RefusalSection, revalidateAfterRefusal } from "~/components/RefusalBanner";
import { showToast, useSuccessToast } from "~/components/toast";
import { briefAction, briefPage, type BriefActionResult } from "~/brief/brief-page.server";
import db from "~/db.server";
import { useLocale } from "~/i18n/react";
import { actingStaffAction, asActingStaff } from "~/staff/acting.server";
import { useEffect } from "react";

export const loader = ({ request }: LoaderFunctionArgs) => asActingStaff(request, (actor, now) => briefPage(db, actor, now));

export const action = ({ request }: ActionFunctionArgs) =>
  actingStaffAction<BriefActionResult>(request, (actor, form, now) => briefAction(db, actor, form, now));

export const shouldRevalidate = revalidateAfterRefusal;

export default function MondayBrief() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useSuccessToast(result && !(result.ok && result.partial) ? result : undefined);
  // A send where some failed says so as an error toast (those are tried again later).
  useEffect(() => {
    if (result?.ok && result.partial) showToast(result.message, { isError: true });
  }, [result]);
  const { t } = useLocale();
  const errorsOf = (...intents: string[]) => (result && !result.ok && intents.includes(result.intent) ? result.errors : {});
  return (
    <Page title={t("brief.page.title")}>
      <Layout>
        <Layout.Section>
          <Text as="p" tone="subdued">
            {t("brief.page.intro", { zone: page.zone })}
          </Text>
        </Layout.Section>
        {page.emailOn ? null : (
          <Layout.Section>
            <Banner tone="warning">
              <p id="brief-email-off">{t("brief.page.emailOff")}</p>
            </Banner>
          </Layout.Section>
        )}
        <RefusalSection message={result && !result.ok ? result.errors.form : undefined} />
        <Layout.Section>
          <BriefPreviewCard week={page.week.label} previews={page.previews} nobodyElse={!page.you.optedIn && !page.othersGetIt} />
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <YourBriefCard email={page.you.email} optedIn={page.you.optedIn} error={errorsOf("opt_in").on} />
            <SlackCard slack={page.slack} canManage={page.canManage} errors={errorsOf("save_slack", "remove_slack")} />
            {page.canManage ? <SendNowCard week={page.week.label} range={page.week.range} /> : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <BriefDeliveriesCard deliveries={page.deliveries} zone={page.zone} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

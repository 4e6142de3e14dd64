import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useLocation, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, EmptyState, InlineStack, Layout, Page, SkeletonBodyText, Spinner, Text } from "@shopify/polaris";
import { VizProvider } from "~/components/VizProvider";
import { useEffect } from "react";
import { Trans } from "react-i18next";
import { CostsStepCard } from "~/components/costs/CostsStepCard";
import { ExportButtons } from "~/components/dashboard/ExportButtons";
import { DashboardFigures } from "~/components/dashboard/DashboardFigures";
import { PeriodPicker } from "~/components/dashboard/PeriodPicker";
import { TargetsCard } from "~/components/dashboard/TargetsCard";
import { SyncStatusCard } from "~/components/SyncStatusCard";
import db from "~/db.server";
import { dashboardView } from "~/home/dashboard.server";
import { onboarding } from "~/home/onboarding.server";
import { storeSummary } from "~/home/store-summary.server";
import { localizer } from "~/i18n/localizer";
import { useLocale } from "~/i18n/react";
import { requestLocale, urlLocale } from "~/i18n/request-locale.server";
import { withLocalizer } from "~/i18n/scope.server";
import { formatDateTime } from "~/lib/dates";
import { numberFormat } from "~/lib/intl";
import { readForm } from "~/lib/form.server";
import { failedJobsOf } from "~/jobs/jobs.server";
import { authenticate } from "~/shopify.server";
import { startShopSync } from "~/sync/background.server";
import { syncStatus } from "~/sync/sync-status.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const now = new Date();
  // The shop's row once, for the three.
  const [record, locale] = await Promise.all([db.shop.findUnique({ where: { shop: session.shop } }), requestLocale(db, request, session)]);
  const l10n = localizer(locale);
  return withLocalizer(l10n, async () => {
    const [summary, sync, dashboard, offers] = await Promise.all([
      storeSummary(db, session.shop, record),
      syncStatus(db, session.shop, () => failedJobsOf(db, session.shop), now, record),
      dashboardView(db, session.shop, new URL(request.url).searchParams, now, record, l10n),
      // As on every page, the acting staff member is recorded, with the language admin sent.
      onboarding(db, session, now, urlLocale(request)),
    ]);
    const user = session.onlineAccessInfo?.associated_user;
    return {
      summary,
      sync,
      dashboard,
      // Suggestions need the whole history: the invitation waits for the first sync to finish.
      firstGoal: dashboard.state === "ready" && record?.lastSyncAt != null && offers.firstGoal,
      costsStep: dashboard.state === "ready" ? offers.costsStep : null,
      lastSync: summary.lastSyncAt ? formatDateTime(summary.lastSyncAt, summary.ianaTimezone ?? "UTC", l10n.locale) : null,
      staffName: user ? [user.first_name, user.last_name].filter(Boolean).join(" ") : null,
    };
  });
};

/** "Sync now": starts a sync in the background (resuming an interrupted one) and shows its progress. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, redirect } = await authenticate.admin(request);
  const l10n = localizer(await requestLocale(db, request, session));
  const read = await withLocalizer(l10n, () => readForm(request));
  if (!read.ok) return new Response(read.error, { status: 400 });
  if (read.form.get("intent") !== "sync")
    return new Response(l10n.t("home.onlySyncs", { intent: String(read.form.get("intent") ?? "").slice(0, 100) }), { status: 400 });
  void startShopSync(db, session.shop);
  // Let the run row appear before the page reloads its status.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return redirect("/app");
};

/** While the indicators are computed in the background, look again every few seconds. */
function usePollWhile(active: boolean) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => state === "idle" && revalidate(), 3000);
    return () => clearInterval(timer);
  }, [active, revalidate, state]);
}

export default function Home() {
  const { summary, sync, dashboard, lastSync, staffName, firstGoal, costsStep } = useLoaderData<typeof loader>();
  const dismiss = useFetcher();
  const location = useLocation();
  const { t, locale } = useLocale();
  const count = numberFormat(locale);
  usePollWhile(dashboard.state === "preparing");
  const exportQuery = new URLSearchParams(
    dashboard.choice.preset === "custom" ? { from: dashboard.choice.from, to: dashboard.choice.to } : { period: dashboard.choice.preset },
  ).toString();

  // A copy that is current says so at the foot of the page; one being made, interrupted or failing comes first.
  const syncFirst = sync.state !== "synced" || sync.failedWork !== null;
  const syncSection = (
    <Layout.Section>
      <BlockStack gap="200">
        <SyncStatusCard status={sync} lastSuccess={lastSync ? `${lastSync} (${summary.ianaTimezone})` : null} />
        <Text as="p" tone="subdued">
          <Trans
            i18nKey="home.storeCopy"
            values={{ orders: count.format(summary.orders), products: count.format(summary.products), currency: summary.currencyCode ?? "—" }}
            components={{ orders: <span id="order-count" />, products: <span id="product-count" />, currency: <span id="currency" /> }}
          />
        </Text>
      </BlockStack>
    </Layout.Section>
  );

  return (
    <VizProvider>
      <Page title={summary.name ?? summary.shop} subtitle={staffName ? t("common.signedInAs", { name: staffName }) : undefined} fullWidth>
        <Layout>
          {syncFirst ? syncSection : null}

          {firstGoal && dismiss.state === "idle" && !dismiss.data ? (
            <Layout.Section>
              <Banner tone="info" title={t("home.firstGoalTitle")} action={{ content: t("home.firstGoalAction"), url: "/app/first-goal" }}>
                <BlockStack gap="200">
                  <p id="first-goal-prompt">{t("home.firstGoalDetail")}</p>
                  <dismiss.Form method="post" action="/app/first-goal">
                    <input type="hidden" name="intent" value="dismiss" />
                    <Button submit variant="plain">
                      {t("home.notNow")}
                    </Button>
                  </dismiss.Form>
                </BlockStack>
              </Banner>
            </Layout.Section>
          ) : null}

          {costsStep ? (
            <Layout.Section>
              <CostsStepCard step={costsStep} />
            </Layout.Section>
          ) : null}

          {/* The answer first: the goal and its targets, whatever period the figures below show. */}
          {dashboard.state === "ready" ? (
            <Layout.Section>
              <TargetsCard targets={dashboard.targets} />
            </Layout.Section>
          ) : null}

          <Layout.Section>
            <Card>
              <InlineStack align="space-between" blockAlign="end" wrap gap="400">
                <PeriodPicker choice={dashboard.choice} timeZone={summary.ianaTimezone ?? "UTC"} key={location.search} />
                {dashboard.state === "ready" ? <ExportButtons query={exportQuery} /> : null}
              </InlineStack>
            </Card>
          </Layout.Section>

          {dashboard.state === "empty" ? (
            <Layout.Section>
              <Card>
                <EmptyState heading={t("home.emptyTitle")} image="">
                  <p>{t("home.emptyDetail")}</p>
                </EmptyState>
              </Card>
            </Layout.Section>
          ) : null}

          {dashboard.state === "preparing" ? (
            <Layout.Section>
              <BlockStack gap="400">
                <Banner tone="info" title={t("home.preparingTitle")}>
                  <InlineStack gap="200" blockAlign="center">
                    <Spinner size="small" accessibilityLabel={t("home.computing")} />
                    <p>{t("home.preparingDetail")}</p>
                  </InlineStack>
                </Banner>
                <Card>
                  <SkeletonBodyText lines={6} />
                </Card>
              </BlockStack>
            </Layout.Section>
          ) : null}

          {dashboard.state === "ready" ? <DashboardFigures dashboard={dashboard} /> : null}

          {syncFirst ? null : syncSection}

          {dashboard.state === "ready" ? (
            <Layout.Section>
              <Box paddingBlockEnd="800">
                <Text as="p" variant="bodySm" tone="subdued">
                  {t("home.definitions")}
                </Text>
              </Box>
            </Layout.Section>
          ) : null}
        </Layout>
      </Page>
    </VizProvider>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Box, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { SyncStatusCard } from "~/components/SyncStatusCard";
import db from "~/db.server";
import { formatShopDateTime, storeSummary } from "~/home/store-summary.server";
import { authenticate } from "~/shopify.server";
import { startShopSync } from "~/sync/background.server";
import { syncStatus } from "~/sync/status.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [summary, sync] = await Promise.all([storeSummary(db, session.shop), syncStatus(db, session.shop)]);
  const user = session.onlineAccessInfo?.associated_user;
  return {
    summary,
    sync,
    lastSync: summary.lastSyncAt ? formatShopDateTime(summary.lastSyncAt, summary.ianaTimezone ?? "UTC") : null,
    staffName: user ? [user.first_name, user.last_name].filter(Boolean).join(" ") : null,
  };
};

/** "Sync now": starts a sync in the background (resuming an interrupted one) and shows its progress. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, redirect } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") !== "sync") return new Response("Unknown action", { status: 400 });
  void startShopSync(db, session.shop);
  // Let the run row appear before the page reloads its status.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return redirect("/app");
};

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl" id={testId}>
          {value}
        </Text>
      </BlockStack>
    </Card>
  );
}

export default function Home() {
  const { summary, sync, lastSync, staffName } = useLoaderData<typeof loader>();
  const count = new Intl.NumberFormat("en");
  return (
    <Page title={summary.name ?? summary.shop} subtitle={staffName ? `Signed in as ${staffName}` : undefined}>
      <Layout>
        <Layout.Section>
          <SyncStatusCard status={sync} lastSuccess={lastSync ? `${lastSync} (${summary.ianaTimezone})` : null} />
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
            <Figure label="Orders" value={count.format(summary.orders)} testId="order-count" />
            <Figure label="Products" value={count.format(summary.products)} testId="product-count" />
            <Figure label="Currency" value={summary.currencyCode ?? "—"} testId="currency" />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Box paddingBlockEnd="400">
            <Text as="p" tone="subdued">
              Orders exclude test orders ({count.format(summary.testOrders)} held apart). Indicators, targets and
              promotions build on this copy of your store.
            </Text>
          </Box>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

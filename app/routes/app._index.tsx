import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Box, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import db from "~/db.server";
import { formatShopDateTime, storeSummary } from "~/home/store-summary.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const summary = await storeSummary(db, session.shop);
  const user = session.onlineAccessInfo?.associated_user;
  return {
    summary,
    lastSync: summary.lastSyncAt ? formatShopDateTime(summary.lastSyncAt, summary.ianaTimezone ?? "UTC") : null,
    staffName: user ? [user.first_name, user.last_name].filter(Boolean).join(" ") : null,
  };
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
  const { summary, lastSync, staffName } = useLoaderData<typeof loader>();
  const count = new Intl.NumberFormat("en");
  return (
    <Page title={summary.name ?? summary.shop} subtitle={staffName ? `Signed in as ${staffName}` : undefined}>
      <Layout>
        <Layout.Section>
          {summary.lastSyncError ? (
            <Banner tone="critical" title="The last sync did not finish">
              <p>{summary.lastSyncError}</p>
            </Banner>
          ) : lastSync ? (
            <Banner tone="success" title="Store data is synced">
              <p id="last-sync">Last synced {lastSync} ({summary.ianaTimezone}).</p>
            </Banner>
          ) : (
            <Banner tone="info" title="Not synced yet">
              <p>Throughline copies your orders and products shortly after install; the numbers appear here then.</p>
            </Banner>
          )}
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

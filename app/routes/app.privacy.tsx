import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import db from "~/db.server";
import { formatDateTime } from "~/lib/dates";
import { customerDataReports } from "~/privacy/compliance.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const reports = await customerDataReports(db, session.shop);
  return { reports: reports.map((report) => ({ ...report, requestedAt: report.requestedAt.toISOString() })) };
};

export default function CustomerDataRequests() {
  const { reports } = useLoaderData<typeof loader>();
  return (
    <Page title="Customer data requests" backAction={{ url: "/app" }}>
      <Layout>
        <Layout.Section>
          <Text as="p" tone="subdued">
            Throughline keeps no names, emails or addresses. For a customer it holds only the ids of their orders,
            listed here for every data request Shopify forwarded.
          </Text>
        </Layout.Section>
        <Layout.Section>
          {reports.length === 0 ? (
            <Card>
              <EmptyState heading="No customer data requests" image="">
                <p>When a customer asks your store for their data, the request and what Throughline holds appear here.</p>
              </EmptyState>
            </Card>
          ) : (
            <BlockStack gap="400">
              {reports.map((report) => (
                <Card key={report.requestedAt + (report.customerId ?? "")}>
                  <BlockStack gap="200">
                    <Text as="h3" variant="headingSm">
                      {report.customerId ?? "Redacted customer"}{" "}
                      {report.redacted ? <Badge tone="info">Redacted</Badge> : null}
                    </Text>
                    <Text as="p" tone="subdued">
                      Requested {formatDateTime(report.requestedAt, "UTC")} UTC
                    </Text>
                    <Text as="p">
                      Orders held ({report.ordersHeld.length}): {report.ordersHeld.join(", ") || "none"}
                    </Text>
                  </BlockStack>
                </Card>
              ))}
            </BlockStack>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}

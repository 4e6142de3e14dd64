import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import db from "~/db.server";
import { formatDateTime } from "~/lib/dates";
import { customerDataReports } from "~/privacy/compliance.server";
import { asActingStaff } from "~/staff/acting.server";
import { useLocale } from "~/i18n/react";

export const loader = ({ request }: LoaderFunctionArgs) =>
  asActingStaff(request, async (actor) => {
    const reports = await customerDataReports(db, actor.shop);
    return { reports: reports.map((report) => ({ ...report, requestedAt: report.requestedAt.toISOString() })) };
  });

export default function CustomerDataRequests() {
  const { reports } = useLoaderData<typeof loader>();
  const { t, locale } = useLocale();
  return (
    <Page title={t("privacy.title")} backAction={{ content: t("firstGoal.home"), url: "/app" }}>
      <Layout>
        <Layout.Section>
          <Text as="p" tone="subdued">
            {t("privacy.note")}
          </Text>
        </Layout.Section>
        <Layout.Section>
          {reports.length === 0 ? (
            <Card>
              <EmptyState heading={t("privacy.emptyTitle")} image="">
                <p>{t("privacy.emptyDetail")}</p>
              </EmptyState>
            </Card>
          ) : (
            <BlockStack gap="400">
              {reports.map((report) => (
                <Card key={report.requestedAt + (report.customerId ?? "")}>
                  <BlockStack gap="200">
                    <Text as="h3" variant="headingSm">
                      {report.customerId ?? t("privacy.redactedCustomer")} {report.redacted ? <Badge tone="info">{t("privacy.redacted")}</Badge> : null}
                    </Text>
                    <Text as="p" tone="subdued">
                      {t("privacy.requested", { when: formatDateTime(report.requestedAt, "UTC", locale) })}
                    </Text>
                    <Text as="p">
                      {t("privacy.ordersHeld", { count: report.ordersHeld.length, orders: report.ordersHeld.join(", ") || t("privacy.none") })}
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

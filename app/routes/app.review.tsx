import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, InlineGrid, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { downloadFile } from "~/components/download";
import { FigureTile } from "~/components/FigureTile";
import { RefusalBanner, revalidateAfterRefusal } from "~/components/RefusalBanner";
import { TargetTrend } from "~/components/review/TargetTrend";
import { VizProvider } from "~/components/VizProvider";
import db from "~/db.server";
import { formatDate, formatDateRange, formatDateTime } from "~/lib/dates";
import { signOffWeek, weeklyReviewPage } from "~/review/weekly-review.server";
import { actingStaffAction, asActingStaff } from "~/strategy/acting.server";

export const loader = ({ request }: LoaderFunctionArgs) => asActingStaff(request, (actor, now) => weeklyReviewPage(db, actor, new URL(request.url).searchParams, now));

export const action = ({ request }: ActionFunctionArgs) =>
  actingStaffAction<{ ok: boolean; errors: Record<string, string> }>(request, async (actor, form, now) => {
    const errors = await signOffWeek(db, actor, form.get("week") as string | null, form.get("comments") as string | null, now);
    return errors ? { status: 400, body: { ok: false, errors } } : { status: 200, body: { ok: true, errors: {} } };
  });

function List({ title, items, empty, id }: { title: string; items: string[]; empty: string; id: string }) {
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          <Badge tone={items.length > 0 ? "attention" : "success"}>{String(items.length)}</Badge>
        </InlineStack>
        <div id={id}>
          {items.length === 0 ? (
            <Text as="p" tone="subdued">
              {empty}
            </Text>
          ) : (
            items.map((item) => (
              <Text as="p" key={item}>
                {item}
              </Text>
            ))
          )}
        </div>
      </BlockStack>
    </Card>
  );
}

export const shouldRevalidate = revalidateAfterRefusal;

/** What an empty section of the review says instead of bare headers: why, and the next step. */
function EmptyNote({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <div style={{ padding: "0 var(--p-space-400) var(--p-space-400)" }}>
      <Text as="p" tone="subdued" id={id}>
        {children}
      </Text>
    </div>
  );
}

export default function WeeklyReview() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [comments, setComments] = useState("");
  const { content } = page;
  return (
    <VizProvider>
      <Page
        title={`Weekly review: ${formatDateRange(content.weekStart, content.weekEnd)}`}
        subtitle={`Figures as of the end of ${formatDate(content.asOf)} (${page.timeZone})${page.signOff ? " · signed off, shown as it was then" : ""}`}
        secondaryActions={[
          { content: "Print", onAction: () => window.print() },
          { content: "Export CSV", onAction: () => void downloadFile(`/app/review.csv?week=${content.weekStart}`, `weekly-review-${content.weekStart}.csv`) },
        ]}
      >
        {/* Printing keeps the review, not the controls around it. */}
        <style>{"@media print { form, button, a, .Polaris-Page-Header__RightAlign { display: none !important; } }"}</style>
        <Layout>
          <Layout.Section>
            <InlineStack gap="300">
              <Link to={`/app/review?week=${page.previousWeek}`}>← Previous week</Link>
              {page.nextWeek ? <Link to={`/app/review?week=${page.nextWeek}`}>{page.nextIsThisWeek ? "This week so far →" : "Next week →"}</Link> : null}
            </InlineStack>
          </Layout.Section>
          {page.error ? (
            <Layout.Section>
              <Banner tone="warning">
                <p>{page.error}</p>
              </Banner>
            </Layout.Section>
          ) : null}
          {content.indicators ? (
            <Layout.Section>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    The week in figures
                  </Text>
                  {content.figuresNote ? (
                    <Text as="p" tone="subdued" id="week-figures-note">
                      {content.figuresNote}
                    </Text>
                  ) : (
                    <div id="week-indicators">
                      <InlineGrid columns={{ xs: 2, md: 3, lg: 6 }} gap="400">
                        {content.indicators.map((indicator) => (
                          <FigureTile key={indicator.key} id={`week-${indicator.key}`} label={indicator.label} display={indicator.display} change={indicator.change} tone={indicator.tone} against={`week before ${indicator.previous}`} />
                        ))}
                      </InlineGrid>
                    </div>
                  )}
                </BlockStack>
              </Card>
            </Layout.Section>
          ) : null}
          <Layout.Section>
            <BlockStack gap="400">
              <InlineStack gap="400" wrap={false} align="start">
                <List id="off-track-without-action" title="Off track, nobody acting" items={content.offTrackWithoutAction.map((item) => `${item.title} — ${item.statusLabel}`)} empty="Every target at risk has an action on its indicator." />
                <List id="actions-without-indicator" title="Actions without an indicator" items={content.actionsWithoutIndicator.map((item) => `${item.title} (${formatDateRange(item.start, item.end)})`)} empty="Every action says which indicator it should move." />
                <List id="awaiting-review" title="Awaiting review" items={content.awaitingReview.map((item) => `${item.title} (ended ${formatDate(item.end)}${item.overdue ? ", overdue" : ""})`)} empty="No promotion awaits a review." />
              </InlineStack>
              <Card padding="0">
                <div style={{ padding: "var(--p-space-400)" }}>
                  <Text as="h2" variant="headingMd">
                    Targets
                  </Text>
                </div>
                {content.targets.length > 0 ? (
                  <DataTable
                    columnContentTypes={["text", "text", "text", "text", "text"]}
                    headings={["Target", "Period", "Status", "Pacing", "Trend"]}
                    rows={content.targets.map((target) => [target.title, target.period, target.statusLabel, target.figures, <TargetTrend key={target.id} title={target.title} trend={target.trend} />])}
                  />
                ) : (
                  <EmptyNote id="no-week-targets">
                    No target covers this week. <Link to="/app/targets">Set one on the Targets page</Link>, or <Link to="/app/first-goal">get targets suggested from your history</Link>.
                  </EmptyNote>
                )}
              </Card>
              <Card padding="0">
                <div style={{ padding: "var(--p-space-400)" }}>
                  <Text as="h2" variant="headingMd">
                    Promotions running or ended this week
                  </Text>
                </div>
                {content.promotions.length > 0 ? (
                  <DataTable
                    columnContentTypes={["text", "text", "text", "numeric", "numeric", "numeric", "numeric"]}
                    headings={["Promotion", "Indicator", "Status", "Orders", "Revenue", "Spend", "ROAS"]}
                    rows={content.promotions.map((promotion) => [promotion.title, promotion.indicator ?? "—", promotion.status, promotion.orders, promotion.revenue, promotion.spend, promotion.roas])}
                  />
                ) : (
                  <EmptyNote id="no-week-promotions">
                    No promotion ran this week. <Link to="/app/promotions">Log what the team did</Link> against the indicator it should move, and next week's review shows how it went.
                  </EmptyNote>
                )}
                {content.morePromotions ? (
                  <div style={{ padding: "var(--p-space-400)" }}>
                    <Text as="p" tone="subdued" id="more-promotions">
                      {`${content.morePromotions.toLocaleString("en")} more promotions ran this week; the Promotions page lists them all.`}
                    </Text>
                  </div>
                ) : null}
              </Card>
              {page.signOff ? (
                <Card>
                  <Text as="p" id="signed-off">
                    Signed off by {page.signOff.by} on {formatDateTime(page.signOff.at, page.timeZone)}
                    {page.signOff.comments ? `: ${page.signOff.comments}` : "."}
                  </Text>
                </Card>
              ) : page.canSignOff ? (
                <Card>
                  <Form method="post" id="sign-off-form">
                    <input type="hidden" name="week" value={content.weekStart} />
                    <BlockStack gap="300">
                      <TextField label="Comments" name="comments" value={comments} onChange={setComments} multiline={3} autoComplete="off" error={result && !result.ok ? result.errors.comments ?? result.errors.week : undefined} />
                      <Button submit variant="primary">
                        Sign off this week
                      </Button>
                    </BlockStack>
                  </Form>
                </Card>
              ) : result && !result.ok && result.errors.form ? (
                <RefusalBanner message={result.errors.form} />
              ) : (
                <Text as="p" tone="subdued" id="sign-off-later">
                  {page.signOffFrom ? `This week is still under way: it can be signed off from ${formatDate(page.signOffFrom)}, once it has ended.` : "The owner or a strategist signs the week off."}
                </Text>
              )}
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Page>
    </VizProvider>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineGrid, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { downloadFile, failedStatus } from "~/components/download";
import { showToast } from "~/components/toast";
import { FigureTile } from "~/components/FigureTile";
import { RefusalBanner, revalidateAfterRefusal } from "~/components/RefusalBanner";
import { WeekCampaigns } from "~/components/review/WeekCampaigns";
import { WeekPromotions } from "~/components/review/WeekPromotions";
import { WeekTargets } from "~/components/review/WeekTargets";
import { VizProvider } from "~/components/VizProvider";
import db from "~/db.server";
import { formatDate, formatDateRange, formatDateTime } from "~/lib/dates";
import { signOffWeek, weeklyReviewPage } from "~/review/weekly-review.server";
import { actingStaffAction, asActingStaff } from "~/staff/acting.server";
import { Trans } from "react-i18next";
import { useLocale } from "~/i18n/react";

export const loader = ({ request }: LoaderFunctionArgs) =>
  asActingStaff(request, (actor, now) => weeklyReviewPage(db, actor, new URL(request.url).searchParams, now));

export const action = ({ request }: ActionFunctionArgs) =>
  actingStaffAction<{ ok: boolean; errors: Record<string, string> }>(request, async (actor, form, now) => {
    const errors = await signOffWeek(db, actor, form.get("week") as string | null, form.get("comments") as string | null, now);
    return errors ? { status: 400, body: { ok: false, errors } } : { status: 200, body: { ok: true, errors: {} } };
  });

function List({ title, items, more = 0, empty, id }: { title: string; items: string[]; more?: number; empty: string; id: string }) {
  const { t } = useLocale();
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          <Badge tone={items.length > 0 ? "attention" : "success"}>{String(items.length + more)}</Badge>
        </InlineStack>
        <div id={id}>
          {items.length === 0 ? (
            <Text as="p" tone="subdued">
              {empty}
            </Text>
          ) : (
            items.map((item, index) => (
              <Text as="p" key={`${index}-${item}`}>
                {item}
              </Text>
            ))
          )}
          {more > 0 ? (
            <Text as="p" tone="subdued">
              {t("review.moreItems", { count: more })}
            </Text>
          ) : null}
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
  const { t, locale } = useLocale();
  return (
    <VizProvider>
      <Page
        title={t("review.title", { range: formatDateRange(content.weekStart, content.weekEnd, locale) })}
        subtitle={page.subtitle}
        secondaryActions={[
          { content: t("review.print"), onAction: () => window.print() },
          {
            content: t("review.exportCsv"),
            onAction: () =>
              void downloadFile(`/app/review.csv?week=${content.weekStart}`, `weekly-review-${content.weekStart}.csv`).catch((failure: unknown) => {
                const status = failedStatus(failure);
                showToast(status === null ? t("exports.unreachable") : t("exports.failed", { status }), { isError: true });
              }),
          },
        ]}
      >
        {/* Printing keeps the review, not the controls around it. */}
        <style>{"@media print { form, button, a, .Polaris-Page-Header__RightAlign { display: none !important; } }"}</style>
        <Layout>
          <Layout.Section>
            <InlineStack gap="300">
              <Link to={`/app/review?week=${page.previousWeek}`}>{t("review.previous")}</Link>
              {page.nextWeek ? <Link to={`/app/review?week=${page.nextWeek}`}>{page.nextIsThisWeek ? t("review.thisWeek") : t("review.next")}</Link> : null}
            </InlineStack>
          </Layout.Section>
          {page.error ? (
            <Layout.Section>
              <Banner tone="warning">
                <p>{page.error}</p>
              </Banner>
            </Layout.Section>
          ) : null}
          {content.recordedInWords ? (
            <Layout.Section>
              <Banner tone="info">
                <p id="recorded-in-words">{t("review.recordedInWords")}</p>
              </Banner>
            </Layout.Section>
          ) : null}
          {content.indicators ? (
            <Layout.Section>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t("review.inFigures")}
                  </Text>
                  {content.through === null ? (
                    <Text as="p" tone="subdued" id="week-figures-note">
                      {t("review.figuresNote", { day: formatDate(content.weekStart, locale) })}
                    </Text>
                  ) : (
                    <>
                      {content.comparedWith ? (
                        <Text as="p" tone="subdued" id="week-compared-with">
                          {t("review.comparedWith", { range: formatDateRange(content.comparedWith.from, content.comparedWith.to, locale) })}
                        </Text>
                      ) : null}
                      <div id="week-indicators">
                        <InlineGrid columns={{ xs: 2, md: 3, lg: 6 }} gap="400">
                          {content.indicators.map((indicator) => (
                            <FigureTile
                              key={indicator.key}
                              id={`week-${indicator.key}`}
                              label={indicator.label}
                              display={indicator.display}
                              change={indicator.change}
                              tone={indicator.tone}
                              against={
                                content.comparedWith
                                  ? t("review.against", {
                                      range: formatDateRange(content.comparedWith.from, content.comparedWith.to, locale),
                                      value: indicator.previous,
                                    })
                                  : t("review.weekBefore", { value: indicator.previous })
                              }
                            />
                          ))}
                        </InlineGrid>
                      </div>
                    </>
                  )}
                </BlockStack>
              </Card>
            </Layout.Section>
          ) : null}
          <Layout.Section>
            <BlockStack gap="400">
              {/* Side by side on a desktop, one under the other on a phone. */}
              <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
                <List
                  id="off-track-without-action"
                  title={t("review.offTrack.title")}
                  items={content.offTrackWithoutAction.map((item) => t("review.offTrack.item", { title: item.title, status: item.statusLabel }))}
                  empty={t("review.offTrack.empty")}
                />
                <List
                  id="actions-without-indicator"
                  title={t("review.withoutIndicator.title")}
                  items={content.actionsWithoutIndicator.map((item) =>
                    t("review.withoutIndicator.item", { title: item.title, range: formatDateRange(item.start, item.end, locale) }),
                  )}
                  more={content.moreWithoutIndicator}
                  empty={t("review.withoutIndicator.empty")}
                />
                <List
                  id="awaiting-review"
                  title={t("review.awaiting.title")}
                  items={content.awaitingReview.map((item) =>
                    t(item.overdue ? "review.awaiting.itemOverdue" : "review.awaiting.item", { title: item.title, day: formatDate(item.end, locale) }),
                  )}
                  more={content.moreAwaitingReview}
                  empty={t("review.awaiting.empty")}
                />
              </InlineGrid>
              <List
                id="goal-flags"
                title={t("goalOutcome.flags.reviewTitle")}
                items={content.goalFlags.map((flag) => t("goalOutcome.flags.onGoal", flag))}
                empty={t("goalOutcome.flags.reviewEmpty")}
              />
              <Card padding="0">
                <div style={{ padding: "var(--p-space-400)" }}>
                  <Text as="h2" variant="headingMd">
                    {t("review.targets")}
                  </Text>
                </div>
                {content.targets.length > 0 ? (
                  <WeekTargets targets={content.targets} />
                ) : (
                  <EmptyNote id="no-week-targets">
                    <Trans i18nKey="review.noTargets" components={{ targets: <Link to="/app/targets" />, suggest: <Link to="/app/first-goal" /> }} />
                  </EmptyNote>
                )}
              </Card>
              <Card padding="0">
                <div style={{ padding: "var(--p-space-400)" }}>
                  <Text as="h2" variant="headingMd">
                    {t("review.promotions")}
                  </Text>
                </div>
                {content.promotions.length > 0 ? (
                  <WeekPromotions promotions={content.promotions} week={{ from: content.weekStart, to: content.through ?? content.weekEnd }} />
                ) : (
                  <EmptyNote id="no-week-promotions">
                    <Trans i18nKey="review.noPromotions" components={{ log: <Link to="/app/promotions" /> }} />
                  </EmptyNote>
                )}
                {content.morePromotions ? (
                  <div style={{ padding: "var(--p-space-400)" }}>
                    <Text as="p" tone="subdued" id="more-promotions">
                      {t("review.morePromotions", { count: content.morePromotions })}
                    </Text>
                  </div>
                ) : null}
              </Card>
              {content.campaigns.length > 0 ? (
                <Card>
                  <WeekCampaigns campaigns={content.campaigns} unexplained={content.unexplainedSpend} />
                </Card>
              ) : null}
              {page.signOff ? (
                <Card>
                  <Text as="p" id="signed-off">
                    {page.signOff.comments
                      ? t("review.signedOffComments", {
                          name: page.signOff.by,
                          when: formatDateTime(page.signOff.at, page.timeZone, locale),
                          comments: page.signOff.comments,
                        })
                      : t("review.signedOff", { name: page.signOff.by, when: formatDateTime(page.signOff.at, page.timeZone, locale) })}
                  </Text>
                </Card>
              ) : page.canSignOff ? (
                <Card>
                  <Form method="post" id="sign-off-form">
                    <input type="hidden" name="week" value={content.weekStart} />
                    <BlockStack gap="300">
                      <TextField
                        label={t("review.comments")}
                        name="comments"
                        value={comments}
                        onChange={setComments}
                        multiline={3}
                        autoComplete="off"
                        error={result && !result.ok ? (result.errors.comments ?? result.errors.week) : undefined}
                      />
                      <Button submit variant="primary">
                        {t("review.signOff")}
                      </Button>
                    </BlockStack>
                  </Form>
                </Card>
              ) : result && !result.ok && result.errors.form ? (
                <RefusalBanner message={result.errors.form} />
              ) : (
                <Text as="p" tone="subdued" id="sign-off-later">
                  {page.signOffFrom ? t("review.signOffLater", { day: formatDate(page.signOffFrom, locale) }) : t("review.othersSign")}
                </Text>
              )}
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Page>
    </VizProvider>
  );
}

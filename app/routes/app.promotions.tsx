import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Banner, BlockStack, InlineStack, Layout, Page, Pagination, Text } from "@shopify/polaris";
import { focusField } from "~/components/focus-field";
import { useSuccessToast } from "~/components/toast";
import { RefusalSection, revalidateAfterRefusal } from "~/components/RefusalBanner";
import { PromotionCard } from "~/components/promotions/PromotionCard";
import { PromotionFilters } from "~/components/promotions/PromotionFilters";
import { PromotionForm } from "~/components/promotions/PromotionForm";
import db from "~/db.server";
import { adminClientForShop } from "~/shopify.server";
import { promotionsAction, promotionsPage, type PromotionsActionResult } from "~/promotions/promotions-page.server";
import { actingStaffAction, asActingStaff } from "~/staff/acting.server";
import { Trans } from "react-i18next";
import { useLocale } from "~/i18n/react";

export const loader = ({ request }: LoaderFunctionArgs) =>
  asActingStaff(request, (actor, now) => promotionsPage(db, actor, new URL(request.url).searchParams, now));

export const action = ({ request }: ActionFunctionArgs) =>
  actingStaffAction<PromotionsActionResult>(request, (actor, form, now) => promotionsAction(db, actor, form, now, () => adminClientForShop(db, actor.shop)));

export const shouldRevalidate = revalidateAfterRefusal;

export default function Promotions() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useSuccessToast(result);
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  const failedId = result && !result.ok && "id" in result ? result.id : undefined;
  // A logged promotion empties the form (and drops the admin action's prefill from the URL).
  const [logged, setLogged] = useState(0);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  useEffect(() => {
    if (result?.ok && result.intent === "create_promotion") {
      setLogged((count) => count + 1);
      if (params.has("codes") || params.has("title")) navigate("/app/promotions", { replace: true, preventScrollReset: true });
    }
    // Only a new action result counts, not a change of URL.
  }, [result]);
  // Another page keeps the filters (and any prefill) in the URL.
  const goToPage = (page: number) => {
    const next = new URLSearchParams(params);
    next.delete("edit");
    if (page <= 1) next.delete("page");
    else next.set("page", String(page));
    navigate(`/app/promotions?${next.toString()}`);
  };
  const { pagination } = page;
  const { t, locale } = useLocale();
  return (
    <Page
      title={t("promotions.page.title")}
      subtitle={t("promotions.page.subtitle")}
      primaryAction={page.archivedView ? undefined : { content: t("promotions.page.log"), onAction: () => focusField("promotion-form") }}
      secondaryActions={
        page.archivedView
          ? [{ content: t("promotions.page.backToLive"), url: "/app/promotions" }]
          : page.counts.archived > 0
            ? [
                {
                  content: t("promotions.page.archivedCount", { count: page.counts.archived }),
                  url: "/app/promotions?status=archived",
                  id: "archived-promotions",
                },
              ]
            : []
      }
    >
      <Layout>
        <RefusalSection message={errors.form} />
        {result?.ok ? (
          <Layout.Section>
            <Banner tone="success">
              <p id="promotion-message">{result.message}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {page.counts.awaitingYourAnswer > 0 ? (
          <Layout.Section>
            <Banner tone="info">
              <p id="awaiting-your-answer">{t("team.selfReview.awaitingYours", { count: page.counts.awaitingYourAnswer })}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {page.counts.needsReview > 0 || page.counts.withoutIndicator > 0 ? (
          <Layout.Section>
            <Banner tone="warning">
              <p>
                {[
                  page.counts.needsReview > 0 ? t("promotions.page.awaitReview", { count: page.counts.needsReview }) : null,
                  page.counts.withoutIndicator > 0 ? t("promotions.page.noIndicator", { count: page.counts.withoutIndicator }) : null,
                ]
                  .filter(Boolean)
                  .join(" ")}
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            <PromotionFilters filters={page.filters} indicators={page.indicators} types={[...page.types]} />
            {pagination.error ? (
              <Banner tone="warning">
                <p id="page-note">{pagination.error}</p>
              </Banner>
            ) : null}
            {page.promotions.length === 0 ? (
              <Text as="p" tone="subdued" id="no-promotions">
                {page.archivedView ? (
                  <>
                    {t("promotions.page.noArchived")} <Link to="/app/promotions">{t("promotions.page.backToLive")}</Link>
                  </>
                ) : page.filters.status || page.filters.indicator || page.filters.type || page.filters.q ? (
                  <>
                    {t("promotions.page.noMatch")} <Link to="/app/promotions">{t("promotions.page.showAll")}</Link>
                  </>
                ) : (
                  <Trans i18nKey="promotions.page.none" components={{ playbooks: <Link to="/app/playbooks" /> }} />
                )}
              </Text>
            ) : null}
            {page.promotions.map((promotion) => (
              <PromotionCard
                key={promotion.id}
                promotion={promotion}
                canManage={promotion.canManage}
                errors={failedId === promotion.id ? errors : {}}
                archived={page.archivedView}
                timeZone={page.timeZone}
              />
            ))}
            {pagination.pages > 1 ? (
              <InlineStack align="center">
                <Pagination
                  hasPrevious={pagination.hasPrevious}
                  onPrevious={() => goToPage(pagination.page - 1)}
                  hasNext={pagination.hasNext}
                  onNext={() => goToPage(pagination.page + 1)}
                  label={t("promotions.page.pageOf", { page: pagination.page, pages: pagination.pages, total: pagination.total.toLocaleString(locale) })}
                />
              </InlineStack>
            ) : null}
            {page.promotions.length > 0 ? (
              <BlockStack gap="050" id="promotion-definitions">
                {page.definitions.map((definition) => (
                  <Text as="p" variant="bodySm" tone="subdued" key={definition.label}>
                    {t("promotions.page.definition", definition)}
                  </Text>
                ))}
              </BlockStack>
            ) : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <PromotionForm
            key={page.form.mode === "edit" ? `edit-${page.form.id}-${JSON.stringify(page.form.values)}` : `new-${logged}-${JSON.stringify(page.form.values)}`}
            form={page.form}
            indicators={page.indicators}
            types={[...page.types]}
            team={page.team}
            productTitles={page.productTitles}
            errors={result?.intent === "create_promotion" || result?.intent === "update_promotion" ? errors : {}}
            timeZone={page.timeZone}
            currency={page.currency}
            playbook={page.playbook}
            adCampaigns={page.adCampaigns}
            stage={page.stage}
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

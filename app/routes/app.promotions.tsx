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
import { adminClientForShop } from "~/admin-api/shop-client.server";
import db from "~/db.server";
import { promotionsAction, promotionsPage, type PromotionsActionResult } from "~/promotions/promotions-page.server";
import { actingStaffAction, asActingStaff } from "~/strategy/acting.server";

export const loader = ({ request }: LoaderFunctionArgs) => asActingStaff(request, (actor, now) => promotionsPage(db, actor, new URL(request.url).searchParams, now));

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
  return (
    <Page
      title="Promotions"
      subtitle="What the team does, the indicator it should move, and what happened"
      primaryAction={page.archivedView ? undefined : { content: "Log a promotion", onAction: () => focusField("promotion-form") }}
      secondaryActions={
        page.archivedView ? [{ content: "Back to live promotions", url: "/app/promotions" }] : page.counts.archived > 0 ? [{ content: `Archived (${page.counts.archived.toLocaleString("en")})`, url: "/app/promotions?status=archived", id: "archived-promotions" }] : []
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
        {page.counts.needsReview > 0 || page.counts.withoutIndicator > 0 ? (
          <Layout.Section>
            <Banner tone="warning">
              <p>
                {page.counts.needsReview > 0 ? `${page.counts.needsReview} ended promotion(s) await a review. ` : ""}
                {page.counts.withoutIndicator > 0 ? `${page.counts.withoutIndicator} promotion(s) have no indicator: nobody can tell whether they worked.` : ""}
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
                    No archived promotions. A promotion archived from the list waits here, to be restored. <Link to="/app/promotions">Back to live promotions</Link>
                  </>
                ) : page.filters.status || page.filters.indicator || page.filters.type || page.filters.q ? (
                  <>
                    No promotions match these filters. <Link to="/app/promotions">Show them all</Link>
                  </>
                ) : (
                  <>
                    No promotions yet: log what the team runs with the form, against the indicator it should move. Not sure what to try? The{" "}
                    <Link to="/app/playbooks">playbooks</Link> list tactics for each indicator.
                  </>
                )}
              </Text>
            ) : null}
            {page.promotions.map((promotion) => (
              <PromotionCard
                key={promotion.id}
                promotion={promotion}
                canManage={page.actor.canManageAll || promotion.createdBy === page.actor.userId}
                errors={failedId === promotion.id ? errors : {}}
                archived={page.archivedView}
              />
            ))}
            {pagination.pages > 1 ? (
              <InlineStack align="center">
                <Pagination
                  hasPrevious={pagination.hasPrevious}
                  onPrevious={() => goToPage(pagination.page - 1)}
                  hasNext={pagination.hasNext}
                  onNext={() => goToPage(pagination.page + 1)}
                  label={`Page ${pagination.page} of ${pagination.pages} · ${pagination.total.toLocaleString("en")} promotions`}
                />
              </InlineStack>
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
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

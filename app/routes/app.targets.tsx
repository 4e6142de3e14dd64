import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { RefusalSection, revalidateAfterRefusal } from "~/components/RefusalBanner";
import { VizProvider } from "~/components/VizProvider";
import { focusField } from "~/components/focus-field";
import { useSuccessToast } from "~/components/toast";
import { GoalForm } from "~/components/targets/GoalForm";
import { ArchivedGoals, GoalCard } from "~/components/targets/GoalCard";
import { HistoryCard } from "~/components/targets/HistoryCard";
import { TargetCardView } from "~/components/targets/TargetCardView";
import { TargetForm } from "~/components/targets/TargetForm";
import { TeamCard } from "~/components/targets/TeamCard";
import db from "~/db.server";
import { adminClientForShop } from "~/shopify.server";
import { actingStaffAction, asActingStaff } from "~/staff/acting.server";
import { targetsAction, targetsPage, type ActionResult } from "~/strategy/targets-page.server";
import { useLocale } from "~/i18n/react";

export const loader = ({ request }: LoaderFunctionArgs) => asActingStaff(request, (actor, now) => targetsPage(db, actor, now));

export const action = ({ request }: ActionFunctionArgs) =>
  actingStaffAction<ActionResult>(request, (actor, form, now) => targetsAction(db, actor, form, now, () => adminClientForShop(db, actor.shop)));

export const shouldRevalidate = revalidateAfterRefusal;

export default function Targets() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useSuccessToast(result);
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  const [params] = useSearchParams();
  const { t } = useLocale();
  const savedCount = Number(params.get("count") ?? 0);
  const saved = params.get("saved") === "goal" ? t("targets.page.goalSaved", { count: savedCount }) : null;
  const ungrouped = page.targets.filter((target) => target.goalId === null || !page.goals.some((goal) => goal.id === target.goalId));
  return (
    <VizProvider>
      <Page
        title={t("targets.page.title")}
        subtitle={t("targets.page.subtitle", { name: page.actor.name, role: page.actor.roleLabel })}
        primaryAction={page.canEdit ? { content: t("targets.page.newTarget"), onAction: () => focusField("target-form") } : undefined}
        secondaryActions={page.canEdit ? [{ content: t("targets.page.suggest"), url: "/app/first-goal", id: "open-first-goal" }] : []}
      >
        <Layout>
          {!page.canEdit ? (
            <Layout.Section>
              <Banner tone="info" title={t("targets.page.followTitle")}>
                <p>{t("targets.page.followDetail")}</p>
              </Banner>
            </Layout.Section>
          ) : null}
          <RefusalSection message={errors.form} />
          {errors.analytics ? (
            <Layout.Section>
              <Banner tone="critical" title={t("targets.page.analytics")}>
                <p id="analytics-error">{errors.analytics}</p>
              </Banner>
            </Layout.Section>
          ) : null}
          {saved ? (
            <Layout.Section>
              <Banner tone="success">
                <p id="goal-saved">{saved}</p>
              </Banner>
            </Layout.Section>
          ) : null}
          {/* Saved: a toast says so (useSuccessToast); a partial success (Shopify refused its part) also stays on the page. */}
          {result?.ok && "partial" in result && result.partial ? (
            <Layout.Section>
              <Banner tone="warning">
                <p>{result.message}</p>
              </Banner>
            </Layout.Section>
          ) : null}
          {!page.ready ? (
            <Layout.Section>
              <Banner tone="info" title={t("targets.page.computingTitle")}>
                <p>{t("targets.page.computingDetail")}</p>
              </Banner>
            </Layout.Section>
          ) : null}

          <Layout.Section>
            <BlockStack gap="400">
              {page.goals.map((goal) => (
                <GoalCard
                  key={goal.id}
                  goal={goal}
                  targets={page.targets.filter((target) => target.goalId === goal.id)}
                  goals={page.goals}
                  outcomes={page.outcomes}
                  currency={page.currency}
                  canEdit={page.canEdit}
                  errors={result?.intent === "update_goal" ? errors : {}}
                />
              ))}
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {page.goals.length > 0 ? t("targets.page.outsideGoal") : t("targets.page.title")}
                  </Text>
                  {ungrouped.length === 0 ? (
                    <Text as="p" tone="subdued" id="no-targets">
                      {page.goals.length > 0 ? t("targets.page.noneOutside") : t("targets.page.none")}{" "}
                      {page.canEdit ? t("targets.page.setBelow") : t("targets.page.othersSet")}
                    </Text>
                  ) : null}
                  {ungrouped.map((target) => (
                    <TargetCardView key={target.id} target={target} currency={page.currency} canEdit={page.canEdit} goals={page.goals} />
                  ))}
                </BlockStack>
              </Card>
              <ArchivedGoals goals={page.archivedGoals} canEdit={page.canEdit} />
            </BlockStack>
          </Layout.Section>

          {page.canEdit ? (
            <Layout.Section variant="oneHalf">
              <TargetForm indicators={page.indicators} goals={page.goals} errors={result?.intent === "create_target" ? errors : {}} timeZone={page.timeZone} />
            </Layout.Section>
          ) : null}
          {page.canEdit ? (
            <Layout.Section variant="oneHalf">
              <GoalForm outcomes={page.outcomes} errors={result?.intent === "create_goal" ? errors : {}} />
            </Layout.Section>
          ) : null}
          <Layout.Section variant="oneHalf">
            <TeamCard team={page.team} canManageRoles={page.canManageRoles} error={result?.intent === "set_role" ? errors.role : undefined} />
          </Layout.Section>
          <Layout.Section variant="oneHalf">
            <HistoryCard history={page.history} timeZone={page.timeZone} />
          </Layout.Section>
        </Layout>
      </Page>
    </VizProvider>
  );
}

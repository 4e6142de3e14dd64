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
import { adminClientForShop } from "~/admin-api/shop-client.server";
import db from "~/db.server";
import { actingStaffAction, asActingStaff } from "~/strategy/acting.server";
import { targetsAction, targetsPage, type ActionResult } from "~/strategy/targets-page.server";

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
  const savedCount = Number(params.get("count") ?? 0);
  const saved = params.get("saved") === "goal" ? `Goal saved with ${savedCount} target${savedCount === 1 ? "" : "s"}. Their pacing shows below as the days go.` : null;
  const ungrouped = page.targets.filter((target) => target.goalId === null || !page.goals.some((goal) => goal.id === target.goalId));
  return (
    <VizProvider>
      <Page
        title="Targets"
        subtitle={`Signed in as ${page.actor.name} · ${page.actor.roleLabel}`}
        primaryAction={page.canEdit ? { content: "New target", onAction: () => focusField("target-form") } : undefined}
        secondaryActions={page.canEdit ? [{ content: "Suggest targets from my history", url: "/app/first-goal", id: "open-first-goal" }] : []}
      >
        <Layout>
          {!page.canEdit ? (
            <Layout.Section>
              <Banner tone="info" title="You can follow the targets; the owner or a strategist sets them">
                <p>Log the promotions you run against the indicator they should move, and the weekly review shows how they did.</p>
              </Banner>
            </Layout.Section>
          ) : null}
          <RefusalSection message={errors.form} />
          {errors.analytics ? (
            <Layout.Section>
              <Banner tone="critical" title="Shopify Analytics">
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
          {result?.ok && /\bbut\b/.test(result.message) ? (
            <Layout.Section>
              <Banner tone="warning">
                <p>{result.message}</p>
              </Banner>
            </Layout.Section>
          ) : null}
          {!page.ready ? (
            <Layout.Section>
              <Banner tone="info" title="Computing your indicators">
                <p>Pacing appears once the store's indicators are ready. Reload in a minute.</p>
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
                  currency={page.currency}
                  canEdit={page.canEdit}
                  errors={result?.intent === "update_goal" ? errors : {}}
                />
              ))}
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {page.goals.length > 0 ? "Targets outside a goal" : "Targets"}
                  </Text>
                  {ungrouped.length === 0 ? (
                    <Text as="p" tone="subdued" id="no-targets">
                      {page.goals.length > 0 ? "No targets outside a goal." : "No targets yet."}{" "}
                      {page.canEdit ? "Set one below: an indicator, a period and the value to reach." : "The owner or a strategist sets them."}
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
              <GoalForm errors={result?.intent === "create_goal" ? errors : {}} />
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

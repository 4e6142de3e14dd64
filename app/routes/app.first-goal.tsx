import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, ButtonGroup, Card, Checkbox, ChoiceList, FormLayout, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { RefusalSection, revalidateAfterRefusal } from "~/components/RefusalBanner";
import { OutcomeSelect } from "~/components/targets/OutcomeSelect";
import db from "~/db.server";
import { actingStaffAction, asActingStaff } from "~/staff/acting.server";
import { dismissFirstGoal, firstGoalPage, saveFirstGoal, type FirstGoalResult } from "~/strategy/first-goal.server";
import { useLocale } from "~/i18n/react";

export const loader = ({ request }: LoaderFunctionArgs) =>
  asActingStaff(request, (actor, now) => firstGoalPage(db, actor, new URL(request.url).searchParams, now));

export const action = ({ request }: ActionFunctionArgs) =>
  actingStaffAction<FirstGoalResult>(request, async (actor, form, now) => {
    if (form.get("intent") === "dismiss") {
      await dismissFirstGoal(db, actor, now);
      return { status: 200, body: { ok: true, redirect: "/app" } };
    }
    const result = await saveFirstGoal(db, actor, form, now);
    return { status: result.ok ? 200 : 400, body: result };
  });

export const shouldRevalidate = revalidateAfterRefusal;

/** The suggested values a target can start from. */
const CHOICES = ["keepPace", "grow", "stretch"] as const;

type ActionErrors = { form?: string; goal?: Record<string, string>; targets?: Record<string, Record<string, string>> };

export default function FirstGoal() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { ok: true; redirect: string } | { ok: false; errors: ActionErrors } | undefined;
  const errors: ActionErrors = result && !result.ok ? result.errors : {};
  const navigation = useNavigation();
  const navigate = useNavigate();
  // Saved (or "Not now"): on to where the owner goes next, inside the admin's frame.
  useEffect(() => {
    if (result?.ok) navigate(result.redirect);
  }, [result, navigate]);
  const [aim, setAim] = useState<string[]>(page.aim ? [page.aim] : []);
  const [horizon, setHorizon] = useState<string[]>([page.horizon]);
  const { t } = useLocale();

  if (!page.canEdit) {
    return (
      <Page title={t("firstGoal.title")} backAction={{ content: t("firstGoal.home"), url: "/app" }}>
        <Banner tone="info" title={t("firstGoal.othersTitle")}>
          <p>{t("firstGoal.othersDetail")}</p>
        </Banner>
      </Page>
    );
  }

  return (
    <Page title={t("firstGoal.title")} subtitle={t("firstGoal.subtitle")} backAction={{ content: t("firstGoal.home"), url: "/app" }}>
      <Layout>
        <RefusalSection message={errors.form} />
        <Layout.Section>
          <Card>
            {/* Step 1: a plain GET, so the choice is in the URL and the page works before scripts load. */}
            <Form method="get" id="first-goal-aim">
              <BlockStack gap="400">
                <ChoiceList
                  title={t("firstGoal.aimQuestion")}
                  name="aim"
                  choices={page.aims.map((item) => ({ label: item.label, value: item.key }))}
                  selected={aim}
                  onChange={setAim}
                />
                <ChoiceList
                  title={t("firstGoal.horizonQuestion")}
                  name="period"
                  choices={page.horizons.map((item) => ({ label: item.label, value: item.key }))}
                  selected={horizon}
                  onChange={setHorizon}
                />
                <Button submit variant={page.aim ? undefined : "primary"} disabled={aim.length === 0}>
                  {t("firstGoal.suggest")}
                </Button>
              </BlockStack>
            </Form>
            {page.hasGoals ? null : (
              <Form method="post" id="first-goal-dismiss">
                <input type="hidden" name="intent" value="dismiss" />
                <Button submit variant="plain">
                  {t("firstGoal.notNow")}
                </Button>
              </Form>
            )}
          </Card>
        </Layout.Section>

        {page.aim && !page.ready ? (
          <Layout.Section>
            <Banner tone="info" title={t("firstGoal.waitingTitle")} action={{ content: t("firstGoal.waitingAction"), url: "/app" }}>
              <p id="first-goal-waiting">{t("firstGoal.waitingDetail")}</p>
            </Banner>
          </Layout.Section>
        ) : null}

        {page.aim && page.ready ? (
          <Layout.Section>
            {/* Keyed by the choice: new suggestions start from their own values. */}
            <SuggestedTargets key={`${page.aim}-${page.horizon}`} page={page} errors={errors} submitting={navigation.state === "submitting"} />
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The suggested targets of the chosen aim and period, to adjust and save under the goal. */
function SuggestedTargets({ page, errors, submitting }: { page: PageData; errors: ActionErrors; submitting: boolean }) {
  const [name, setName] = useState(page.goalName);
  const [outcome, setOutcome] = useState<string>(page.outcome);
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(page.suggestions.map((item) => [item.indicator, item.valueInput])));
  const [kept, setKept] = useState<Record<string, boolean>>(Object.fromEntries(page.suggestions.map((item) => [item.indicator, true])));
  const { t } = useLocale();
  return (
    <Form method="post" id="first-goal-form">
      <input type="hidden" name="period" value={page.horizon} />
      <BlockStack gap="400">
        <Card>
          <FormLayout>
            <TextField
              label={t("firstGoal.goal")}
              name="name"
              value={name}
              onChange={setName}
              autoComplete="off"
              error={errors.goal?.name}
              helpText={t("firstGoal.goalFor", { period: page.period.label })}
            />
            <OutcomeSelect choices={page.outcomes} value={outcome} onChange={setOutcome} error={errors.goal?.outcome} />
          </FormLayout>
        </Card>
        {page.suggestions.length === 0 ? (
          <Banner tone="warning" title={t("firstGoal.noHistoryTitle")}>
            <p>{t("firstGoal.noHistoryDetail")}</p>
          </Banner>
        ) : null}
        {page.suggestions.map((item) => (
          <Card key={item.indicator}>
            <BlockStack gap="200" id={`suggestion-${item.indicator}`}>
              <Checkbox
                label={item.label}
                name={`include_${item.indicator}`}
                checked={kept[item.indicator] ?? false}
                onChange={(checked) => setKept({ ...kept, [item.indicator]: checked })}
              />
              <Text as="p" tone="subdued" id={`reasoning-${item.indicator}`}>
                {item.reasoning}
              </Text>
              <Text as="p" id={`range-${item.indicator}`}>
                {t("firstGoal.range", item.shown)}
              </Text>
              {/* Keep pace is where the field starts (decision 021); growing is the owner's choice. */}
              <InlineStack gap="200" blockAlign="center">
                <Text as="span" variant="bodySm" tone="subdued">
                  {t("firstGoal.choices.title")}
                </Text>
                <ButtonGroup variant="segmented">
                  {CHOICES.map((choice) => (
                    <Button
                      key={choice}
                      size="slim"
                      pressed={values[item.indicator] === item.inputs[choice]}
                      disabled={!kept[item.indicator]}
                      accessibilityLabel={t("firstGoal.choices.label", {
                        choice: t(`firstGoal.choices.${choice}`),
                        value: item.shown[choice],
                        indicator: item.label,
                      })}
                      onClick={() => setValues({ ...values, [item.indicator]: item.inputs[choice] })}
                    >
                      {t(`firstGoal.choices.${choice}`)}
                    </Button>
                  ))}
                </ButtonGroup>
              </InlineStack>
              <TextField
                label={t(item.kind === "ratio" ? "firstGoal.targetForPercent" : "firstGoal.targetFor", {
                  indicator: item.label,
                  direction: item.direction === "at_least" ? t("firstGoal.atLeast") : t("firstGoal.atMost"),
                })}
                name={`target_${item.indicator}`}
                value={values[item.indicator] ?? ""}
                onChange={(value) => setValues({ ...values, [item.indicator]: value })}
                autoComplete="off"
                disabled={!kept[item.indicator]}
                error={errors.targets?.[item.indicator]?.value ?? errors.targets?.[item.indicator]?.from}
              />
            </BlockStack>
          </Card>
        ))}
        {page.unsuggested.length > 0 ? (
          <Text as="p" tone="subdued">
            {t("firstGoal.unsuggested", { count: page.unsuggested.length, indicators: page.unsuggested.map((item) => item.label).join(", ") })}
          </Text>
        ) : null}
        {page.suggestions.length > 0 ? (
          <InlineStack gap="200">
            <Button submit variant="primary" loading={submitting}>
              {t("firstGoal.save")}
            </Button>
            <Link to="/app/targets">{t("firstGoal.byHand")}</Link>
          </InlineStack>
        ) : null}
      </BlockStack>
    </Form>
  );
}

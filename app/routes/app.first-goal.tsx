import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, ChoiceList, FormLayout, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { RefusalSection, revalidateAfterRefusal } from "~/components/RefusalBanner";
import db from "~/db.server";
import { actingStaffAction, asActingStaff } from "~/strategy/acting.server";
import { dismissFirstGoal, firstGoalPage, saveFirstGoal, type FirstGoalResult } from "~/strategy/first-goal.server";

export const loader = ({ request }: LoaderFunctionArgs) => asActingStaff(request, (actor, now) => firstGoalPage(db, actor, new URL(request.url).searchParams, now));

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

  if (!page.canEdit) {
    return (
      <Page title="Your first goal" backAction={{ content: "Home", url: "/app" }}>
        <Banner tone="info" title="The owner or a strategist sets the goals">
          <p>You can follow them on the Targets page, and log the promotions you run against the indicator they should move.</p>
        </Banner>
      </Page>
    );
  }

  return (
    <Page title="Your first goal" subtitle="Pick what to grow; Throughline suggests targets from your store's own history." backAction={{ content: "Home", url: "/app" }}>
      <Layout>
        <RefusalSection message={errors.form} />
        <Layout.Section>
          <Card>
            {/* Step 1: a plain GET, so the choice is in the URL and the page works before scripts load. */}
            <Form method="get" id="first-goal-aim">
              <BlockStack gap="400">
                <ChoiceList title="What do you want to grow first?" name="aim" choices={page.aims.map((item) => ({ label: item.label, value: item.key }))} selected={aim} onChange={setAim} />
                <ChoiceList title="Over which period?" name="period" choices={page.horizons.map((item) => ({ label: item.label, value: item.key }))} selected={horizon} onChange={setHorizon} />
                <Button submit variant={page.aim ? undefined : "primary"} disabled={aim.length === 0}>
                  Suggest targets
                </Button>
              </BlockStack>
            </Form>
            {page.hasGoals ? null : (
              <Form method="post" id="first-goal-dismiss">
                <input type="hidden" name="intent" value="dismiss" />
                <Button submit variant="plain">
                  Not now (set goals later from the Targets page)
                </Button>
              </Form>
            )}
          </Card>
        </Layout.Section>

        {page.aim && !page.ready ? (
          <Layout.Section>
            <Banner tone="info" title="Your store is still being copied" action={{ content: "See the sync's progress", url: "/app" }}>
              <p id="first-goal-waiting">Suggestions come from your store's whole history, once the first sync has copied it and built your indicators. Come back when the home page says the store is synced.</p>
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
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(page.suggestions.map((item) => [item.indicator, item.valueInput])));
  const [kept, setKept] = useState<Record<string, boolean>>(Object.fromEntries(page.suggestions.map((item) => [item.indicator, true])));
  return (
            <Form method="post" id="first-goal-form">
              <input type="hidden" name="period" value={page.horizon} />
              <BlockStack gap="400">
                <Card>
                  <FormLayout>
                    <TextField label="Goal" name="name" value={name} onChange={setName} autoComplete="off" error={errors.goal?.name} helpText={`For ${page.period.label}.`} />
                  </FormLayout>
                </Card>
                {page.suggestions.length === 0 ? (
                  <Banner tone="warning" title="Not enough history to suggest targets yet">
                    <p>Suggestions need at least two weeks of orders. Set the targets by hand on the Targets page meanwhile.</p>
                  </Banner>
                ) : null}
                {page.suggestions.map((item) => (
                  <Card key={item.indicator}>
                    <BlockStack gap="200" id={`suggestion-${item.indicator}`}>
                      <Checkbox label={item.label} name={`include_${item.indicator}`} checked={kept[item.indicator] ?? false} onChange={(checked) => setKept({ ...kept, [item.indicator]: checked })} />
                      <Text as="p" tone="subdued" id={`reasoning-${item.indicator}`}>
                        {item.reasoning}
                      </Text>
                      <Text as="p" id={`range-${item.indicator}`}>
                        Keep pace {item.shown.keepPace} · grow {item.shown.grow} · stretch {item.shown.stretch}
                      </Text>
                      <TextField
                        label={`Target for ${item.label.toLowerCase()} (${item.direction === "at_least" ? "at least" : "at most"}${item.kind === "ratio" ? ", in %" : ""})`}
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
                    Not enough history to suggest {page.unsuggested.map((item) => item.label.toLowerCase()).join(", ")}: set {page.unsuggested.length === 1 ? "it" : "them"} on the Targets page.
                  </Text>
                ) : null}
                {page.suggestions.length > 0 ? (
                  <InlineStack gap="200">
                    <Button submit variant="primary" loading={submitting}>
                      Save the goal and its targets
                    </Button>
                    <Link to="/app/targets">Set targets by hand instead</Link>
                  </InlineStack>
                ) : null}
              </BlockStack>
            </Form>
  );
}

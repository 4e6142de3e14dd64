import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useLocale } from "~/i18n/react";
import { DEFAULT_OUTCOME } from "~/strategy/goal-bridge";
import { OutcomeSelect } from "./OutcomeSelect";

type GoalFields = { id: number; name: string; why: string | null; outcome: string; from: string; to: string };

/** A business goal: what and why, what it is for, over a period; targets then hang under it. Given a goal, the form changes it. */
export function GoalForm({
  errors,
  goal,
  outcomes,
  onCancel,
}: {
  errors: Record<string, string>;
  goal?: GoalFields;
  outcomes: { value: string; label: string }[];
  onCancel?: () => void;
}) {
  const [name, setName] = useState(goal?.name ?? "");
  const [why, setWhy] = useState(goal?.why ?? "");
  const [outcome, setOutcome] = useState<string>(goal?.outcome ?? DEFAULT_OUTCOME);
  const [from, setFrom] = useState(goal?.from ?? "");
  const [to, setTo] = useState(goal?.to ?? "");
  const { t } = useLocale();
  return (
    <Card>
      <Form method="post" id={goal ? `goal-form-${goal.id}` : "goal-form"}>
        <input type="hidden" name="intent" value={goal ? "update_goal" : "create_goal"} />
        {goal ? <input type="hidden" name="id" value={goal.id} /> : null}
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {goal ? t("targets.goalForm.changeTitle", { name: goal.name }) : t("targets.goalForm.newTitle")}
          </Text>
          <FormLayout>
            <TextField
              label={t("targets.goalForm.name")}
              name="name"
              value={name}
              onChange={setName}
              autoComplete="off"
              placeholder={t("targets.goalForm.placeholder")}
              error={errors.name}
            />
            <TextField label={t("targets.goalForm.why")} name="why" value={why} onChange={setWhy} autoComplete="off" multiline={2} error={errors.why} />
            <OutcomeSelect choices={outcomes} value={outcome} onChange={setOutcome} error={errors.outcome} />
            <FormLayout.Group>
              <TextField label={t("common.from")} type="date" name="from" value={from} onChange={setFrom} autoComplete="off" error={errors.from} />
              <TextField label={t("common.to")} type="date" name="to" value={to} onChange={setTo} autoComplete="off" error={errors.to} />
            </FormLayout.Group>
            <InlineStack gap="200">
              <Button submit>{goal ? t("targets.goalForm.saveChanges") : t("targets.goalForm.save")}</Button>
              {onCancel ? <Button onClick={onCancel}>{t("common.cancel")}</Button> : null}
            </InlineStack>
          </FormLayout>
        </BlockStack>
      </Form>
    </Card>
  );
}

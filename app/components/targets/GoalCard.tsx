import { BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useActionData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { IntentButton } from "~/components/IntentButton";
import { formatDateRange } from "~/lib/dates";
import type { TargetCard } from "~/strategy/target-card.server";
import { GoalForm } from "./GoalForm";
import { TargetCardView } from "./TargetCardView";
import { useLocale } from "~/i18n/react";
import type { GoalOutcomeView } from "~/strategy/goal-words";
import { GoalOutcome } from "./GoalOutcome";

type Goal = { id: number; name: string; why: string | null; outcome: string; from: string; to: string; outcomeView?: GoalOutcomeView | null };

/** A goal with its targets; its owner can change it, archive it, and move targets in and out. */
export function GoalCard({
  goal,
  targets,
  goals,
  outcomes,
  currency,
  canEdit,
  errors,
}: {
  goal: Goal;
  targets: TargetCard[];
  goals: Goal[];
  outcomes: { value: string; label: string }[];
  currency: string;
  canEdit: boolean;
  errors: Record<string, string>;
}) {
  const [editing, setEditing] = useState(false);
  // Saved: back to the goal as it now reads.
  const result = useActionData<{ intent: string; ok: boolean }>();
  const { t, locale } = useLocale();
  useEffect(() => {
    if (result?.ok && result.intent === "update_goal") setEditing(false);
  }, [result]);
  if (editing) return <GoalForm goal={goal} outcomes={outcomes} errors={errors} onCancel={() => setEditing(false)} />;
  return (
    <Card>
      <BlockStack gap="300" id={`goal-${goal.id}`}>
        <InlineStack align="space-between" blockAlign="start" gap="200">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {goal.name}
            </Text>
            <Text as="p" tone="subdued">
              {formatDateRange(goal.from, goal.to, locale)}
              {goal.why ? ` · ${goal.why}` : ""}
            </Text>
          </BlockStack>
          {canEdit ? (
            <InlineStack gap="300" blockAlign="center">
              <Button variant="plain" onClick={() => setEditing(true)} accessibilityLabel={t("targets.goal.changeLabel", { name: goal.name })}>
                {t("targets.goal.change")}
              </Button>
              <IntentButton
                intent="archive_goal"
                id={goal.id}
                accessibilityLabel={t("targets.goal.archiveLabel", { name: goal.name })}
                confirm={t("targets.goal.archiveConfirm", { name: goal.name })}
              >
                {t("targets.goal.archive")}
              </IntentButton>
            </InlineStack>
          ) : null}
        </InlineStack>
        {goal.outcomeView ? <GoalOutcome view={goal.outcomeView} goalId={goal.id} /> : null}
        {targets.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("targets.goal.noTargets")}
          </Text>
        ) : null}
        {targets.map((target) => (
          <TargetCardView key={target.id} target={target} currency={currency} canEdit={canEdit} goals={goals} />
        ))}
      </BlockStack>
    </Card>
  );
}

/** Archived goals, each with a way back. */
export function ArchivedGoals({ goals, canEdit }: { goals: { id: number; name: string; from: string; to: string }[]; canEdit: boolean }) {
  const { t, locale } = useLocale();
  if (goals.length === 0) return null;
  return (
    <Card>
      <BlockStack gap="200" id="archived-goals">
        <Text as="h2" variant="headingMd">
          {t("targets.goal.archived")}
        </Text>
        {goals.map((goal) => (
          <InlineStack key={goal.id} align="space-between" blockAlign="center">
            <Text as="p">
              {goal.name}{" "}
              <Text as="span" tone="subdued">
                ({formatDateRange(goal.from, goal.to, locale)})
              </Text>
            </Text>
            {canEdit ? (
              <IntentButton intent="restore_goal" id={goal.id} accessibilityLabel={t("targets.goal.restoreLabel", { name: goal.name })}>
                {t("targets.goal.restore")}
              </IntentButton>
            ) : null}
          </InlineStack>
        ))}
      </BlockStack>
    </Card>
  );
}

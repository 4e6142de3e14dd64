import { BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useActionData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { IntentButton } from "~/components/IntentButton";
import { formatDateRange } from "~/lib/dates";
import type { TargetCard } from "~/strategy/targets-page.server";
import { GoalForm } from "./GoalForm";
import { TargetCardView } from "./TargetCardView";

type Goal = { id: number; name: string; why: string | null; from: string; to: string };

/** A goal with its targets; its owner can change it, archive it, and move targets in and out. */
export function GoalCard({ goal, targets, goals, currency, canEdit, errors }: { goal: Goal; targets: TargetCard[]; goals: Goal[]; currency: string; canEdit: boolean; errors: Record<string, string> }) {
  const [editing, setEditing] = useState(false);
  // Saved: back to the goal as it now reads.
  const result = useActionData<{ intent: string; ok: boolean }>();
  useEffect(() => {
    if (result?.ok && result.intent === "update_goal") setEditing(false);
  }, [result]);
  if (editing) return <GoalForm goal={goal} errors={errors} onCancel={() => setEditing(false)} />;
  return (
    <Card>
      <BlockStack gap="300" id={`goal-${goal.id}`}>
        <InlineStack align="space-between" blockAlign="start" gap="200">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {goal.name}
            </Text>
            <Text as="p" tone="subdued">
              {formatDateRange(goal.from, goal.to)}
              {goal.why ? ` · ${goal.why}` : ""}
            </Text>
          </BlockStack>
          {canEdit ? (
            <InlineStack gap="300" blockAlign="center">
              <Button variant="plain" onClick={() => setEditing(true)} accessibilityLabel={`Change the goal ${goal.name}`}>
                Change
              </Button>
              <IntentButton intent="archive_goal" id={goal.id} accessibilityLabel={`Archive the goal ${goal.name}`} confirm={`Archive “${goal.name}”? Its targets stay, outside any goal, and it can be restored.`}>
                Archive
              </IntentButton>
            </InlineStack>
          ) : null}
        </InlineStack>
        {targets.length === 0 ? <Text as="p" tone="subdued">No targets under this goal yet: add one below, or move one here.</Text> : null}
        {targets.map((target) => (
          <TargetCardView key={target.id} target={target} currency={currency} canEdit={canEdit} goals={goals} />
        ))}
      </BlockStack>
    </Card>
  );
}

/** Archived goals, each with a way back. */
export function ArchivedGoals({ goals, canEdit }: { goals: { id: number; name: string; from: string; to: string }[]; canEdit: boolean }) {
  if (goals.length === 0) return null;
  return (
    <Card>
      <BlockStack gap="200" id="archived-goals">
        <Text as="h2" variant="headingMd">
          Archived goals
        </Text>
        {goals.map((goal) => (
          <InlineStack key={goal.id} align="space-between" blockAlign="center">
            <Text as="p">
              {goal.name} <Text as="span" tone="subdued">({formatDateRange(goal.from, goal.to)})</Text>
            </Text>
            {canEdit ? (
              <IntentButton intent="restore_goal" id={goal.id} accessibilityLabel={`Restore the goal ${goal.name}`}>
                Restore
              </IntentButton>
            ) : null}
          </InlineStack>
        ))}
      </BlockStack>
    </Card>
  );
}

import { Banner, BlockStack, List, Text } from "@shopify/polaris";
import { BridgeTable } from "~/components/BridgeTable";
import { useLocale } from "~/i18n/react";
import type { GoalOutcomeView } from "~/strategy/goal-words";

/** The flags of a goal's targets: on track, but working against what the goal is for. */
export function GoalFlags({ flags, id }: { flags: string[]; id: string }) {
  const { t } = useLocale();
  if (flags.length === 0) return null;
  return (
    <Banner tone="warning" title={t("goalOutcome.flags.title")}>
      <div id={id}>
        <List type="bullet">
          {flags.map((words) => (
            <List.Item key={words}>{words}</List.Item>
          ))}
        </List>
      </div>
    </Banner>
  );
}

/**
 * What a goal is for, beside its targets: the outcome over the goal's days so far against the days
 * before, the flags, and the bridge as a table whose last column draws each part's effect as a bar,
 * like "What moved net profit".
 */
export function GoalOutcome({ view, goalId }: { view: GoalOutcomeView; goalId: number }) {
  const { t } = useLocale();
  return (
    <BlockStack gap="300">
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          {t("goalOutcome.forOutcome", { outcome: view.label })}
        </Text>
        {view.summary ? (
          <Text as="p" id={`goal-${goalId}-outcome`}>
            {view.summary}
          </Text>
        ) : null}
        {view.note ? (
          <Text as="p" tone="subdued" id={`goal-${goalId}-outcome-note`}>
            {view.note}
          </Text>
        ) : null}
      </BlockStack>
      <GoalFlags flags={view.flags} id={`goal-${goalId}-flags`} />
      {view.bridge ? (
        <BridgeTable
          id={`goal-${goalId}-bridge`}
          label={view.bridge.title}
          caption={view.bridge.caption}
          headings={[t("goalOutcome.part"), view.bridge.previousLabel, view.bridge.periodLabel, t("goalOutcome.effect")]}
          rows={view.bridge.rows.map((row) => ({ ...row, key: row.part, bold: row.part === "total", bar: row.part !== "total" }))}
        />
      ) : null}
    </BlockStack>
  );
}

import { Form } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, InlineStack, ProgressBar, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { DirectionSelect } from "./DirectionSelect";
import { valueSuffix } from "./TargetForm";
import { LineChart } from "@shopify/polaris-viz";
import { formatValue } from "~/indicators/format";
import type { IndicatorKind } from "~/indicators/definitions";
import type { TargetCard } from "~/strategy/target-card.server";
import { ClientOnly } from "../dashboard/ClientOnly";
import { IntentButton } from "~/components/IntentButton";
import { useLocale } from "~/i18n/react";
import { ChartPicture } from "~/components/a11y";

/** Moves a target under a goal, or out of any. */
function MoveTarget({ target, goals }: { target: TargetCard; goals: { id: number; name: string }[] }) {
  const [goalId, setGoalId] = useState(target.goalId !== null && goals.some((goal) => goal.id === target.goalId) ? String(target.goalId) : "");
  const { t } = useLocale();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="move_target" />
      <input type="hidden" name="id" value={target.id} />
      <InlineStack gap="200" blockAlign="end">
        <Select
          label={t("targets.target.goalOf", { title: target.title })}
          name="goalId"
          options={[{ value: "", label: t("targets.target.noGoal") }, ...goals.map((goal) => ({ value: String(goal.id), label: goal.name }))]}
          value={goalId}
          onChange={setGoalId}
        />
        <Button submit>{t("targets.target.move")}</Button>
      </InlineStack>
    </Form>
  );
}

/** One target: status, progress, pacing figures, and the value against the target line. */
function ChangeValue({ target }: { target: TargetCard }) {
  const [value, setValue] = useState(target.valueInput);
  const [direction, setDirection] = useState(target.direction);
  const { t } = useLocale();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="update_target" />
      <input type="hidden" name="id" value={target.id} />
      <InlineStack gap="200" blockAlign="end">
        <DirectionSelect value={direction} onChange={setDirection} />
        <TextField
          label={t("targets.target.newValue", { title: target.title })}
          name="value"
          value={value}
          onChange={setValue}
          autoComplete="off"
          suffix={valueSuffix(target.kind)}
        />
        <Button submit>{t("targets.target.change")}</Button>
      </InlineStack>
    </Form>
  );
}

/** The chart's series colours, given so its legend (drawn here: polaris-viz's own spilled out of the card) matches. */
const ACTUAL_COLOR = "#33798c";
/** polaris-viz draws a comparison series dotted, in its light theme's comparison colour. */
const TARGET_LINE_COLOR = "#6793cc";

/** What each line of the chart is, under it. */
function ChartLegend() {
  const { t } = useLocale();
  const swatch = (color: string, style: "solid" | "dotted") => (
    <span style={{ display: "inline-block", width: 20, marginInlineEnd: 6, verticalAlign: "middle", borderTop: `2px ${style} ${color}` }} />
  );
  return (
    <InlineStack gap="400">
      <Text as="span" variant="bodySm" tone="subdued">
        {swatch(ACTUAL_COLOR, "solid")}
        {t("targets.target.actual")}
      </Text>
      <Text as="span" variant="bodySm" tone="subdued">
        {swatch(TARGET_LINE_COLOR, "dotted")}
        {t("targets.target.targetLine")}
      </Text>
    </InlineStack>
  );
}

export function TargetCardView({
  target,
  currency,
  canEdit,
  goals = [],
}: {
  target: TargetCard;
  currency: string;
  canEdit: boolean;
  goals?: { id: number; name: string }[];
}) {
  const { t, locale } = useLocale();
  // A card's edit controls show only once the person asks to change that target.
  const [editing, setEditing] = useState(false);
  const format = (value: number | null | undefined) => formatValue(target.kind as IndicatorKind, value ?? null, currency, locale);
  const editId = `target-${target.id}-edit`;
  const progressId = `target-${target.id}-progress`;
  return (
    <Box padding="300" borderWidth="025" borderColor="border" borderRadius="200" id={`target-${target.id}`}>
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h3" variant="headingSm">
              {target.title}
            </Text>
            <Badge tone={target.statusTone}>{target.statusLabel}</Badge>
            {target.recurring ? <Badge>{t("targets.target.repeats")}</Badge> : null}
          </InlineStack>
          <InlineStack gap="200" blockAlign="center">
            <Text as="span" tone="subdued" variant="bodySm">
              {target.period}
            </Text>
            {target.published ? <Badge tone="info">{t("targets.target.inAnalytics")}</Badge> : null}
            {canEdit && target.publishable ? (
              <IntentButton intent={target.published ? "unpublish_target" : "publish_target"} id={target.id}>
                {target.published ? t("targets.target.unpublish") : t("targets.target.publish")}
              </IntentButton>
            ) : null}
            {canEdit ? (
              <Button
                variant="plain"
                onClick={() => setEditing(!editing)}
                ariaExpanded={editing}
                ariaControls={editId}
                accessibilityLabel={t(editing ? "targets.target.doneLabel" : "targets.target.editLabel", { title: target.title })}
              >
                {editing ? t("targets.target.done") : t("targets.target.edit")}
              </Button>
            ) : null}
          </InlineStack>
        </InlineStack>
        <ProgressBar
          progress={target.progress}
          ariaLabelledBy={target.progressLabel ? progressId : undefined}
          tone={target.statusTone === "critical" ? "critical" : target.statusTone === "success" ? "success" : "highlight"}
          size="small"
        />
        {target.progressLabel ? (
          <Text as="p" variant="bodySm" tone="subdued" id={progressId}>
            {target.progressLabel}
          </Text>
        ) : null}
        <Text as="p" variant="bodySm">
          {target.figures}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {target.pattern}
        </Text>
        {canEdit && editing ? (
          <div id={editId}>
            <InlineStack gap="400" blockAlign="end">
              <ChangeValue target={target} />
              {goals.length > 0 ? <MoveTarget target={target} goals={goals} /> : null}
              <IntentButton
                intent="delete_target"
                id={target.id}
                tone="critical"
                accessibilityLabel={t("targets.target.removeLabel", { title: target.title })}
                confirm={t("targets.target.removeConfirm", { title: target.title })}
              >
                {t("targets.target.remove")}
              </IntentButton>
            </InlineStack>
          </div>
        ) : null}
        {target.shopifyError ? (
          <Text as="p" variant="bodySm" tone="critical">
            {target.shopifyError}
          </Text>
        ) : null}
        {target.trend.length >= 2 ? (
          // The figures above say what the chart shows: it is hidden from screen readers. It runs to
          // the period's end, so the target line shows where the value should get to.
          <ChartPicture>
            {/* polaris-viz draws a chart at least 200 px high (its theme's minimum): a shorter box lets it spill. */}
            <div style={{ height: 200 }}>
              <ClientOnly>
                {() => (
                  <LineChart
                    isAnimated={false}
                    showLegend={false}
                    data={[
                      {
                        name: t("targets.target.actual"),
                        color: ACTUAL_COLOR,
                        data: target.trend.map((point) => ({ key: point.day, value: point.actual })),
                      },
                      {
                        name: t("targets.target.targetLine"),
                        data: target.trend.map((point) => ({ key: point.day, value: point.expected })),
                        isComparison: true,
                      },
                    ]}
                    yAxisOptions={{ labelFormatter: (value) => format(value === null || value === undefined ? null : Number(value)) }}
                    tooltipOptions={{ valueFormatter: (value) => format(value === null || value === undefined ? null : Number(value)) }}
                  />
                )}
              </ClientOnly>
            </div>
            <ChartLegend />
          </ChartPicture>
        ) : null}
      </BlockStack>
    </Box>
  );
}

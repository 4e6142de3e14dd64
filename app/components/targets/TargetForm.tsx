import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { BlockStack, Button, Card, Checkbox, FormLayout, InlineError, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { loader as suggestionLoader } from "~/routes/app.target-suggestion";
import { DirectionSelect } from "./DirectionSelect";
import { useLocale } from "~/i18n/react";

interface IndicatorOption {
  key: string;
  label: string;
  kind: string;
  direction: string;
  /** Whether it comes from the promotions the team logs rather than the store's orders. */
  marketing: boolean;
}

/** The unit a value is typed in, beside the field: a ratio as a percentage, a multiple (ROAS) as times. */
export function valueSuffix(kind: string): string | undefined {
  return kind === "ratio" ? "%" : kind === "multiple" ? "×" : undefined;
}

/** A new target: indicator, period (week, month, quarter or custom dates), value and direction. */
export function TargetForm({
  indicators,
  goals,
  errors,
  timeZone,
  intent = "create_target",
  heading,
  submitLabel,
}: {
  /** What the form posts: the owner's "create_target", or a Staff member's "propose_target" (Team page), with its own words. */
  intent?: string;
  heading?: string;
  submitLabel?: string;
  indicators: IndicatorOption[];
  goals: { id: number; name: string }[];
  errors: Record<string, string>;
  timeZone: string;
}) {
  const navigation = useNavigation();
  const [indicator, setIndicator] = useState(indicators[0]!.key);
  const [periodKind, setPeriodKind] = useState("month");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [value, setValue] = useState("");
  const chosen = indicators.find((option) => option.key === indicator)!;
  const [direction, setDirection] = useState(chosen.direction);
  const [recurring, setRecurring] = useState(false);
  const [goalId, setGoalId] = useState("");
  // The value suggested from the store's history for this indicator and period, asked as they change.
  const suggestion = useFetcher<typeof suggestionLoader>();
  useEffect(() => {
    suggestion.load(`/app/target-suggestion?${new URLSearchParams({ indicator, periodKind, from, to })}`);
    // (`load` is left out of the dependencies: it changes identity on every render.)
  }, [indicator, periodKind, from, to]);
  const suggested = suggestion.data?.suggestion ?? null;
  const { t } = useLocale();
  return (
    <Card>
      <Form method="post" id={intent === "create_target" ? "target-form" : `${intent.replace(/_/g, "-")}-form`}>
        <input type="hidden" name="intent" value={intent} />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {heading ?? t("targets.form.title")}
          </Text>
          <FormLayout>
            <Select
              label={t("targets.form.indicator")}
              name="indicator"
              options={[false, true].map((marketing) => ({
                title: t(marketing ? "targets.form.marketingIndicators" : "targets.form.storeIndicators"),
                options: indicators.filter((option) => option.marketing === marketing).map((option) => ({ value: option.key, label: option.label })),
              }))}
              value={indicator}
              onChange={(key) => {
                setIndicator(key);
                setDirection(indicators.find((option) => option.key === key)!.direction);
              }}
              error={errors.indicator}
            />
            <FormLayout.Group>
              <Select
                label={t("targets.form.period")}
                name="periodKind"
                options={[
                  { value: "week", label: t("targets.form.week") },
                  { value: "month", label: t("targets.form.month") },
                  { value: "quarter", label: t("targets.form.quarter") },
                  { value: "custom", label: t("targets.form.custom") },
                ]}
                value={periodKind}
                onChange={setPeriodKind}
                error={errors.periodKind}
              />
              <TextField
                label={periodKind === "custom" ? t("common.from") : t("targets.form.anyDay")}
                type="date"
                name="from"
                value={from}
                onChange={setFrom}
                autoComplete="off"
                error={errors.from}
              />
              {periodKind === "custom" ? (
                <TextField label={t("common.to")} type="date" name="to" value={to} onChange={setTo} autoComplete="off" error={errors.to} />
              ) : null}
            </FormLayout.Group>
            <FormLayout.Group>
              <DirectionSelect value={direction} onChange={setDirection} error={errors.direction} />
              <TextField
                label={t("targets.form.value")}
                name="value"
                value={value}
                onChange={setValue}
                autoComplete="off"
                inputMode="decimal"
                suffix={valueSuffix(chosen.kind)}
                helpText={
                  chosen.kind === "money"
                    ? t("targets.form.moneyHelp")
                    : chosen.kind === "ratio"
                      ? t("targets.form.ratioHelp")
                      : chosen.kind === "multiple"
                        ? t("targets.form.multipleHelp")
                        : undefined
                }
                error={errors.value}
              />
            </FormLayout.Group>
            {suggested ? (
              <BlockStack gap="100" id="target-suggestion">
                <Text as="p" variant="bodySm">
                  {t("targets.form.suggested", {
                    period: suggested.period,
                    keepPace: suggested.shown.keepPace,
                    grow: suggested.shown.grow,
                    stretch: suggested.shown.stretch,
                  })}
                </Text>
                {/* One button for each choice, in the sentence's order: keep pace, grow, stretch. */}
                <InlineStack gap="300">
                  {(["keepPace", "grow", "stretch"] as const).map((choice) => (
                    <Button key={choice} variant="plain" onClick={() => setValue(suggested.inputs[choice])}>
                      {t("targets.form.use", { value: suggested.shown[choice] })}
                    </Button>
                  ))}
                </InlineStack>
                <Text as="p" variant="bodySm" tone="subdued">
                  {suggested.reasoning}
                </Text>
              </BlockStack>
            ) : null}
            {goals.length > 0 ? (
              <Select
                label={t("targets.form.goal")}
                name="goalId"
                options={[{ value: "", label: t("targets.target.noGoal") }, ...goals.map((goal) => ({ value: String(goal.id), label: goal.name }))]}
                value={goalId}
                onChange={setGoalId}
                error={errors.goalId}
              />
            ) : null}
            <Checkbox
              label={t("targets.form.repeat")}
              name="recurring"
              value="on"
              checked={recurring}
              onChange={setRecurring}
              disabled={periodKind === "custom"}
              error={errors.recurring}
            />
            <Text as="p" variant="bodySm" tone="subdued">
              {t("targets.form.timeZone", { zone: timeZone })}
            </Text>
            {errors.intent ? <InlineError message={errors.intent} fieldID="target-form" /> : null}
            <Button submit variant="primary" loading={navigation.state === "submitting" && navigation.formData?.get("intent") === intent}>
              {submitLabel ?? t("targets.form.save")}
            </Button>
          </FormLayout>
        </BlockStack>
      </Form>
    </Card>
  );
}

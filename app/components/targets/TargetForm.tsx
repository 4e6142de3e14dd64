import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { BlockStack, Button, Card, Checkbox, FormLayout, InlineError, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { loader as suggestionLoader } from "~/routes/app.target-suggestion";
import { DirectionSelect } from "./DirectionSelect";

interface IndicatorOption {
  key: string;
  label: string;
  kind: string;
  direction: string;
}

/** A new target: indicator, period (week, month, quarter or custom dates), value and direction. */
export function TargetForm({ indicators, goals, errors, timeZone }: { indicators: IndicatorOption[]; goals: { id: number; name: string }[]; errors: Record<string, string>; timeZone: string }) {
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
  return (
    <Card>
      <Form method="post" id="target-form">
        <input type="hidden" name="intent" value="create_target" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            New target
          </Text>
          <FormLayout>
            <Select
              label="Indicator"
              name="indicator"
              options={indicators.map((option) => ({ value: option.key, label: option.label }))}
              value={indicator}
              onChange={(key) => {
                setIndicator(key);
                setDirection(indicators.find((option) => option.key === key)!.direction);
              }}
              error={errors.indicator}
            />
            <FormLayout.Group>
              <Select
                label="Period"
                name="periodKind"
                options={[
                  { value: "week", label: "A week (Monday–Sunday)" },
                  { value: "month", label: "A month" },
                  { value: "quarter", label: "A quarter" },
                  { value: "custom", label: "Custom dates" },
                ]}
                value={periodKind}
                onChange={setPeriodKind}
                error={errors.periodKind}
              />
              <TextField label={periodKind === "custom" ? "From" : "Any day in it"} type="date" name="from" value={from} onChange={setFrom} autoComplete="off" error={errors.from} />
              {periodKind === "custom" ? <TextField label="To" type="date" name="to" value={to} onChange={setTo} autoComplete="off" error={errors.to} /> : null}
            </FormLayout.Group>
            <FormLayout.Group>
              <DirectionSelect value={direction} onChange={setDirection} error={errors.direction} />
              <TextField
                label="Value"
                name="value"
                value={value}
                onChange={setValue}
                autoComplete="off"
                inputMode="decimal"
                suffix={chosen.kind === "ratio" ? "%" : undefined}
                helpText={chosen.kind === "money" ? "In the shop currency." : chosen.kind === "ratio" ? "A percentage, e.g. 25." : undefined}
                error={errors.value}
              />
            </FormLayout.Group>
            {suggested ? (
              <BlockStack gap="100" id="target-suggestion">
                <Text as="p" variant="bodySm">
                  Suggested for {suggested.period}: keep pace {suggested.shown.keepPace} · grow {suggested.shown.grow} · stretch {suggested.shown.stretch}.{" "}
                  <Button variant="plain" onClick={() => setValue(suggested.valueInput)}>
                    Use {suggested.shown.grow}
                  </Button>
                </Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  {suggested.reasoning}
                </Text>
              </BlockStack>
            ) : null}
            {goals.length > 0 ? (
              <Select label="Goal" name="goalId" options={[{ value: "", label: "No goal" }, ...goals.map((goal) => ({ value: String(goal.id), label: goal.name }))]} value={goalId} onChange={setGoalId} error={errors.goalId} />
            ) : null}
            <Checkbox label="Repeat every period" name="recurring" value="on" checked={recurring} onChange={setRecurring} disabled={periodKind === "custom"} error={errors.recurring} />
            <Text as="p" variant="bodySm" tone="subdued">
              Dates are in the shop's time zone ({timeZone}).
            </Text>
            {errors.intent ? <InlineError message={errors.intent} fieldID="target-form" /> : null}
            <Button submit variant="primary" loading={navigation.state === "submitting" && navigation.formData?.get("intent") === "create_target"}>
              Save target
            </Button>
          </FormLayout>
        </BlockStack>
      </Form>
    </Card>
  );
}

import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { Button, InlineError, InlineStack, Select, Spinner, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { PRESETS, type PeriodChoice } from "~/indicators/period-params";

/** Presets or custom dates (the shop's time zone); the choice lives in the URL, so it can be shared and reloaded. */
export function PeriodPicker({ choice, timeZone }: { choice: PeriodChoice; timeZone: string }) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const [preset, setPreset] = useState<string>(choice.preset);
  const [from, setFrom] = useState(choice.from);
  const [to, setTo] = useState(choice.to);
  useEffect(() => {
    setPreset(choice.preset);
    setFrom(choice.from);
    setTo(choice.to);
  }, [choice.preset, choice.from, choice.to]);

  const loading = navigation.state === "loading" && navigation.location?.pathname === "/app";
  return (
    <Form method="get" id="period-picker">
      <InlineStack gap="300" blockAlign="end" wrap>
        <div style={{ minWidth: 180 }}>
          <Select
            label="Period"
            name={preset === "custom" ? undefined : "period"}
            options={[...PRESETS, { value: "custom", label: "Custom dates" }]}
            value={preset}
            onChange={(value) => {
              setPreset(value);
              if (value !== "custom") submit({ period: value }, { method: "get" });
            }}
          />
        </div>
        {preset === "custom" ? (
          <>
            <TextField label="From" type="date" name="from" value={from} onChange={setFrom} autoComplete="off" />
            <TextField label="To" type="date" name="to" value={to} onChange={setTo} autoComplete="off" />
            <Button submit>Show</Button>
          </>
        ) : null}
        {loading ? <Spinner size="small" accessibilityLabel="Loading the period" /> : null}
      </InlineStack>
      <div style={{ marginTop: 4, color: "var(--p-color-text-secondary)", fontSize: 12 }}>Dates in the shop's time zone ({timeZone}).</div>
      {choice.error ? <InlineError message={`${choice.error} Showing the last 30 days.`} fieldID="period-picker" /> : null}
    </Form>
  );
}

import { Select } from "@shopify/polaris";
import { useLocale } from "~/i18n/react";
import { isBridgedOutcome } from "~/strategy/goal-bridge";

/** What a goal is for, as a form field named "outcome": the outcomes split into parts first, then every other indicator. */
export function OutcomeSelect({
  choices,
  value,
  onChange,
  error,
}: {
  choices: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useLocale();
  return (
    <Select
      label={t("goalOutcome.field")}
      name="outcome"
      helpText={t("goalOutcome.fieldHelp")}
      options={[true, false].map((bridged) => ({
        title: t(bridged ? "goalOutcome.bridgedGroup" : "goalOutcome.otherGroup"),
        options: choices.filter((choice) => isBridgedOutcome(choice.value) === bridged),
      }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

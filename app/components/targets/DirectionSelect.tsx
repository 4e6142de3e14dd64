import { Select } from "@shopify/polaris";
import { useLocale } from "~/i18n/react";

/** At least / at most, as a form field named "direction". */
export function DirectionSelect({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  const { t } = useLocale();
  return (
    <Select
      label={t("targets.direction.label")}
      name="direction"
      options={[
        { value: "at_least", label: t("targets.direction.at_least") },
        { value: "at_most", label: t("targets.direction.at_most") },
      ]}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

import { Select } from "@shopify/polaris";

/** At least / at most, as a form field named "direction". */
export function DirectionSelect({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  return (
    <Select
      label="Direction"
      name="direction"
      options={[
        { value: "at_least", label: "At least" },
        { value: "at_most", label: "At most" },
      ]}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

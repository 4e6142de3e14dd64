import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { Button, InlineError, InlineStack, Select, Spinner, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { useLocale } from "~/i18n/react";
import { PRESETS, type PeriodChoice } from "~/indicators/period-params";

/** Presets or custom dates (the shop's time zone); the choice lives in the URL, so it can be shared and reloaded. */
export function PeriodPicker({ choice, timeZone }: { choice: PeriodChoice; timeZone: string }) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const [preset, setPreset] = useState<string>(choice.preset);
  const [from, setFrom] = useState(choice.from);
  const [to, setTo] = useState(choice.to);
  const { t } = useLocale();
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
            label={t("periods.label")}
            name={preset === "custom" ? undefined : "period"}
            options={[...PRESETS.map((preset) => ({ value: preset, label: t(`periods.${preset}`) })), { value: "custom", label: t("periods.custom") }]}
            value={preset}
            onChange={(value) => {
              setPreset(value);
              if (value !== "custom") submit({ period: value }, { method: "get" });
            }}
          />
        </div>
        {preset === "custom" ? (
          <>
            <TextField label={t("common.from")} type="date" name="from" value={from} onChange={setFrom} autoComplete="off" />
            <TextField label={t("common.to")} type="date" name="to" value={to} onChange={setTo} autoComplete="off" />
            <Button submit>{t("common.show")}</Button>
          </>
        ) : null}
        {loading ? <Spinner size="small" accessibilityLabel={t("periods.loading")} /> : null}
      </InlineStack>
      <div style={{ marginTop: 4, color: "var(--p-color-text-secondary)", fontSize: 12 }}>{t("periods.timeZone", { zone: timeZone })}</div>
      {choice.error ? <InlineError message={t("periods.invalid", { problem: choice.error })} fieldID="period-picker" /> : null}
    </Form>
  );
}

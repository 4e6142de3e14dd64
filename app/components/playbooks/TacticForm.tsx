import { Form } from "@remix-run/react";
import { Button, FormLayout, InlineStack, Select, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useLocale } from "~/i18n/react";
import { promotionTypeLabel } from "~/promotions/promotion-types";
import type { PlaybookTactic } from "../promotions/PromotionForm";

/** A tactic as the form edits it. */
type Tactic = Omit<PlaybookTactic, "past">;

/** A tactic's fields: a new one (with its indicator) or an edit. */
export function TacticForm({
  tactic,
  indicators,
  types,
  errors,
  onDone,
  intent = "save_tactic",
  submitLabel,
}: {
  tactic?: Tactic;
  /** What the form posts: the owner's "save_tactic", or a Staff member's "propose_tactic" (Team page). */
  intent?: string;
  submitLabel?: string;
  indicators: { key: string; label: string }[];
  types: string[];
  errors: Record<string, string>;
  onDone?: () => void;
}) {
  const [fields, setFields] = useState({
    indicator: tactic?.indicator ?? "aov",
    title: tactic?.title ?? "",
    how: tactic?.how ?? "",
    type: tactic?.type ?? "discount",
    hypothesis: tactic?.hypothesis ?? "",
  });
  const field = (name: keyof typeof fields) => ({
    name,
    value: fields[name],
    onChange: (value: string) => setFields((current) => ({ ...current, [name]: value })),
    error: errors[name],
    autoComplete: "off",
  });
  const { t } = useLocale();
  return (
    <Form method="post" id={tactic ? `tactic-form-${tactic.key}` : intent === "save_tactic" ? "tactic-form" : `${intent.replace(/_/g, "-")}-form`}>
      <input type="hidden" name="intent" value={intent} />
      {tactic ? <input type="hidden" name="key" value={tactic.key} /> : null}
      <FormLayout>
        {tactic ? null : (
          <Select
            label={t("playbooks.form.indicator")}
            options={indicators.map((option) => ({ value: option.key, label: option.label }))}
            {...field("indicator")}
          />
        )}
        <TextField label={t("playbooks.form.title")} {...field("title")} />
        <TextField label={t("playbooks.form.how")} multiline={2} {...field("how")} />
        <Select label={t("playbooks.form.type")} options={types.map((value) => ({ value, label: promotionTypeLabel(value, t) }))} {...field("type")} />
        <TextField label={t("playbooks.form.hypothesis")} multiline={2} {...field("hypothesis")} />
        <InlineStack gap="200">
          <Button submit variant="primary">
            {submitLabel ?? (tactic ? t("playbooks.form.save") : t("playbooks.form.add"))}
          </Button>
          {onDone ? <Button onClick={onDone}>{t("common.cancel")}</Button> : null}
        </InlineStack>
      </FormLayout>
    </Form>
  );
}

import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useLocale } from "~/i18n/react";
import { RemoveButton } from "./RemoveButton";

interface Cost {
  id: number;
  name: string;
  kind: string;
  amount: string;
  ratePercent: string;
  fromMonth: string;
  toMonth: string;
  date: string;
  words: string;
}

const KINDS = ["monthly", "one_off", "percent_of_net_sales"] as const;

/** The owner's other costs, each with its words, and the form that adds one or changes one. */
export function CustomCostsCard({ costs, currency, canEdit, errors }: { costs: Cost[]; currency: string; canEdit: boolean; errors: Record<string, string> }) {
  const { t } = useLocale();
  const [editing, setEditing] = useState<Cost | null>(null);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("costs.custom.title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("costs.custom.intro")}
        </Text>
        {costs.length === 0 ? <Text as="p">{t("costs.custom.none")}</Text> : null}
        {costs.map((cost) => (
          <InlineStack key={cost.id} gap="200" blockAlign="center">
            <Text as="span" fontWeight="semibold">
              {cost.name}
            </Text>
            <Text as="span">{cost.words}</Text>
            {canEdit ? (
              <>
                <Button variant="plain" onClick={() => setEditing(cost)}>
                  {t("costs.custom.edit")}
                </Button>
                <RemoveButton intent="remove_custom_cost" fields={{ id: String(cost.id) }} label={t("costs.custom.removeLabel", { name: cost.name })}>
                  {t("costs.custom.remove")}
                </RemoveButton>
              </>
            ) : null}
          </InlineStack>
        ))}
        {canEdit ? <CustomCostForm key={editing?.id ?? "new"} cost={editing} currency={currency} errors={errors} onDone={() => setEditing(null)} /> : null}
      </BlockStack>
    </Card>
  );
}

function CustomCostForm({ cost, currency, errors, onDone }: { cost: Cost | null; currency: string; errors: Record<string, string>; onDone: () => void }) {
  const { t } = useLocale();
  const [name, setName] = useState(cost?.name ?? "");
  const [kind, setKind] = useState(cost?.kind ?? "monthly");
  const [amount, setAmount] = useState(cost?.amount ?? "");
  const [rate, setRate] = useState(cost?.ratePercent ?? "");
  const [fromMonth, setFromMonth] = useState(cost?.fromMonth ?? "");
  const [toMonth, setToMonth] = useState(cost?.toMonth ?? "");
  const [date, setDate] = useState(cost?.date ?? "");
  return (
    <Form method="post" id="custom-cost-form">
      <input type="hidden" name="intent" value={cost ? "update_custom_cost" : "create_custom_cost"} />
      {cost ? <input type="hidden" name="id" value={cost.id} /> : null}
      <FormLayout>
        <FormLayout.Group>
          <TextField label={t("costs.custom.name")} name="name" value={name} onChange={setName} autoComplete="off" error={errors.name} />
          <Select
            label={t("costs.custom.kind")}
            name="kind"
            options={KINDS.map((value) => ({ value, label: t(`costs.custom.kinds.${value}`) }))}
            value={kind}
            onChange={setKind}
            error={errors.kind}
          />
        </FormLayout.Group>
        {kind === "percent_of_net_sales" ? (
          <TextField
            label={t("costs.custom.rate")}
            name="rate"
            value={rate}
            onChange={setRate}
            autoComplete="off"
            inputMode="decimal"
            suffix="%"
            error={errors.rate}
          />
        ) : (
          <TextField
            label={t("costs.custom.amount", { currency })}
            name="amount"
            value={amount}
            onChange={setAmount}
            autoComplete="off"
            inputMode="decimal"
            error={errors.amount}
          />
        )}
        {kind === "monthly" ? (
          <FormLayout.Group>
            <TextField
              label={t("costs.custom.fromMonth")}
              name="fromMonth"
              value={fromMonth}
              onChange={setFromMonth}
              autoComplete="off"
              error={errors.fromMonth}
            />
            <TextField label={t("costs.custom.toMonth")} name="toMonth" value={toMonth} onChange={setToMonth} autoComplete="off" error={errors.toMonth} />
          </FormLayout.Group>
        ) : null}
        {kind === "one_off" ? (
          <TextField label={t("costs.custom.date")} type="date" name="date" value={date} onChange={setDate} autoComplete="off" error={errors.date} />
        ) : null}
        <InlineStack gap="200">
          <Button submit>{cost ? t("costs.custom.change") : t("costs.custom.add")}</Button>
          {cost ? <Button onClick={onDone}>{t("common.cancel")}</Button> : null}
        </InlineStack>
      </FormLayout>
    </Form>
  );
}

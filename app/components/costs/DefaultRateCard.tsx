import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useLocale } from "~/i18n/react";

/** The default cost rate for products without a cost, with the rate the products that have one suggest and the share of sales it would fill. */
export function DefaultRateCard({
  rate,
  canEdit,
  errors,
}: {
  rate: { ratePercent: string; suggestedPercent: string | null; fillsWords: string | null; days: number };
  canEdit: boolean;
  errors: Record<string, string>;
}) {
  const { t } = useLocale();
  const [value, setValue] = useState(rate.ratePercent);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("costs.defaultRate.title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("costs.defaultRate.intro")}
        </Text>
        <Text as="p" id="default-rate-suggestion">
          {rate.suggestedPercent !== null && rate.fillsWords !== null
            ? t("costs.defaultRate.suggestion", { rate: rate.suggestedPercent, days: rate.days, fills: rate.fillsWords })
            : t("costs.defaultRate.noSuggestion", { days: rate.days })}
        </Text>
        {canEdit ? (
          <Form method="post" id="default-rate-form">
            <input type="hidden" name="intent" value="set_default_cost_rate" />
            <FormLayout>
              <TextField
                label={t("costs.defaultRate.rate")}
                name="rate"
                value={value}
                onChange={setValue}
                autoComplete="off"
                inputMode="decimal"
                suffix="%"
                helpText={t("costs.defaultRate.help")}
                error={errors.rate}
              />
              <InlineStack gap="200">
                <Button submit>{t("costs.defaultRate.save")}</Button>
                {rate.suggestedPercent !== null ? (
                  <Button onClick={() => setValue(rate.suggestedPercent!)}>{t("costs.defaultRate.useSuggestion", { rate: rate.suggestedPercent })}</Button>
                ) : null}
              </InlineStack>
            </FormLayout>
          </Form>
        ) : (
          <Text as="p">{rate.ratePercent ? `${rate.ratePercent}%` : "—"}</Text>
        )}
      </BlockStack>
    </Card>
  );
}

import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useLocale } from "~/i18n/react";
import { formatDateTime } from "~/lib/dates";
import { CsvImportForm } from "./CsvImportForm";
import { RemoveButton } from "./RemoveButton";

interface Rule {
  destination: string;
  name: string;
  words: string;
}

/** Shipping rules by destination, the form for one, and the import of actual costs (CSV read in the browser, posted as text). */
export function ShippingCard({
  rules,
  imported,
  currency,
  timeZone,
  canEdit,
  errors,
}: {
  rules: Rule[];
  imported: { orders: number; total: string; lastImportedAt: string | null };
  currency: string;
  timeZone: string;
  canEdit: boolean;
  errors: Record<string, string>;
}) {
  const { t, locale } = useLocale();
  const [destination, setDestination] = useState("");
  const [perOrder, setPerOrder] = useState("");
  const [perUnit, setPerUnit] = useState("0");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("costs.shipping.title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("costs.shipping.intro")}
        </Text>
        {rules.length === 0 ? <Text as="p">{t("costs.shipping.none")}</Text> : null}
        {rules.map((rule) => (
          <InlineStack key={rule.destination} gap="200" blockAlign="center">
            <Text as="span" fontWeight="semibold">
              {rule.name}
            </Text>
            <Text as="span">{rule.words}</Text>
            {canEdit ? (
              <RemoveButton
                intent="remove_shipping_rule"
                fields={{ destination: rule.destination }}
                label={t("costs.shipping.removeLabel", { destination: rule.name })}
              >
                {t("costs.shipping.remove")}
              </RemoveButton>
            ) : null}
          </InlineStack>
        ))}
        {canEdit ? (
          <Form method="post" id="shipping-form">
            <input type="hidden" name="intent" value="set_shipping_rule" />
            <FormLayout>
              <FormLayout.Group>
                <TextField
                  label={t("costs.shipping.destination")}
                  name="destination"
                  value={destination}
                  onChange={setDestination}
                  autoComplete="off"
                  helpText={t("costs.shipping.destinationHelp")}
                  error={errors.destination}
                />
                <TextField
                  label={t("costs.shipping.perOrder", { currency })}
                  name="perOrder"
                  value={perOrder}
                  onChange={setPerOrder}
                  autoComplete="off"
                  inputMode="decimal"
                  error={errors.perOrder}
                />
                <TextField
                  label={t("costs.shipping.perUnit", { currency })}
                  name="perUnit"
                  value={perUnit}
                  onChange={setPerUnit}
                  autoComplete="off"
                  inputMode="decimal"
                  error={errors.perUnit}
                />
              </FormLayout.Group>
              <Button submit>{t("costs.shipping.save")}</Button>
            </FormLayout>
          </Form>
        ) : null}
        <Text as="h3" variant="headingSm">
          {t("costs.shipping.importTitle")}
        </Text>
        <Text as="p" id="imported-shipping">
          {imported.lastImportedAt
            ? t("costs.shipping.imported", { count: imported.orders, total: imported.total, date: formatDateTime(imported.lastImportedAt, timeZone, locale) })
            : t("costs.shipping.noneImported")}
        </Text>
        {canEdit ? (
          <CsvImportForm
            id="shipping-import-form"
            intent="import_shipping_costs"
            words={{
              intro: t("costs.shipping.importIntro"),
              file: t("costs.shipping.importFile"),
              field: t("costs.shipping.importField"),
              button: t("costs.shipping.importButton"),
            }}
            error={errors.csv}
          />
        ) : null}
      </BlockStack>
    </Card>
  );
}

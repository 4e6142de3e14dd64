import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState, type ChangeEvent } from "react";
import { useLocale } from "~/i18n/react";
import { formatDateTime } from "~/lib/dates";
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
  const [csv, setCsv] = useState("");
  const readFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) void file.text().then(setCsv);
  };
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
          <Form method="post" id="shipping-import-form">
            <input type="hidden" name="intent" value="import_shipping_costs" />
            <BlockStack gap="200">
              <Text as="p" tone="subdued">
                {t("costs.shipping.importIntro")}
              </Text>
              <label>
                <Text as="span" variant="bodySm">
                  {t("costs.shipping.importFile")}
                </Text>{" "}
                <input type="file" accept=".csv,text/csv" onChange={readFile} />
              </label>
              <TextField label={t("costs.shipping.importField")} name="csv" value={csv} onChange={setCsv} autoComplete="off" multiline={4} error={errors.csv} />
              <InlineStack>
                <Button submit>{t("costs.shipping.importButton")}</Button>
              </InlineStack>
            </BlockStack>
          </Form>
        ) : null}
      </BlockStack>
    </Card>
  );
}

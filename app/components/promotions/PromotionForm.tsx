import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, FormLayout, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

/** Log a promotion: what, when, spend, how its orders are recognised, and the indicator it should move. */
export function PromotionForm({
  indicators,
  types,
  errors,
  timeZone,
  currency,
}: {
  indicators: { key: string; label: string }[];
  types: string[];
  errors: Record<string, string>;
  timeZone: string;
  currency: string;
}) {
  const [fields, setFields] = useState<Record<string, string>>({ type: "discount", indicator: "" });
  const field = (name: string) => ({ name, value: fields[name] ?? "", onChange: (value: string) => setFields((current) => ({ ...current, [name]: value })), error: errors[name], autoComplete: "off" });
  return (
    <Card>
      <Form method="post" id="promotion-form">
        <input type="hidden" name="intent" value="create_promotion" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Log a promotion
          </Text>
          <FormLayout>
            <TextField label="Title" {...field("title")} />
            <Select label="Type" options={types.map((value) => ({ value, label: value.replace("_", " ") }))} {...field("type")} />
            <TextField label="Channel" helpText="Email, Meta, Google, in store…" {...field("channel")} />
            <FormLayout.Group>
              <TextField label="Start" type="date" {...field("start")} />
              <TextField label="End" type="date" {...field("end")} />
            </FormLayout.Group>
            <FormLayout.Group>
              <TextField label="Budget" inputMode="decimal" suffix={currency} {...field("budget")} />
              <TextField label="Spend" inputMode="decimal" suffix={currency} {...field("spend")} />
            </FormLayout.Group>
            <TextField label="Discount codes" helpText="Separated by ; — compared in any case." {...field("discountCodes")} />
            <TextField label="UTM campaign" helpText="The campaign of the buyer's last visit." {...field("utmCampaign")} />
            <Select label="Indicator it should move" options={[{ value: "", label: "Choose one (recommended)" }, ...indicators.map((option) => ({ value: option.key, label: option.label }))]} {...field("indicator")} />
            <TextField label="Hypothesis" multiline={2} {...field("hypothesis")} />
            <TextField label="Expected change" placeholder="AOV +5%" {...field("expectedChange")} />
            <Text as="p" variant="bodySm" tone="subdued">
              Dates are in the shop's time zone ({timeZone}).
            </Text>
            <Button submit variant="primary">
              Log promotion
            </Button>
          </FormLayout>
        </BlockStack>
      </Form>
    </Card>
  );
}

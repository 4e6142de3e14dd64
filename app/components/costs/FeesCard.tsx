import { Form, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useLocale } from "~/i18n/react";
import { RemoveButton } from "./RemoveButton";

/** A gateway the store used (costs-page.server.ts). */
interface UsedGateway {
  gateway: string;
  payments: number;
  amount: string;
  knownWords: string;
  hasRule: boolean;
  needsRule: boolean;
}

interface Fee {
  gateway: string;
  ratePercent: string;
  fixedFee: string;
  words: string;
}

/**
 * Payment fees by gateway: the gateways the store used and how much of each the figures know the
 * fee of, the rules set, suggestions to accept into the form, and the form.
 */
export function FeesCard({
  used,
  usedDays,
  fees,
  suggestions,
  currency,
  canEdit,
  errors,
}: {
  used: UsedGateway[];
  usedDays: number;
  fees: Fee[];
  suggestions: { gateway: string; ratePercent: string; fixedFee: string }[];
  currency: string;
  canEdit: boolean;
  errors: Record<string, string>;
}) {
  const { t } = useLocale();
  // Home's costs step links here with the gateway that needs a rule (?gateway=): the form starts with it.
  const [searchParams] = useSearchParams();
  const [gateway, setGateway] = useState(searchParams.get("gateway")?.slice(0, 100) ?? "");
  const [rate, setRate] = useState("");
  const [fixedFee, setFixedFee] = useState("");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("costs.fees.title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("costs.fees.intro")}
        </Text>
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            {t("costs.fees.usedTitle", { days: usedDays })}
          </Text>
          {used.length === 0 ? <Text as="p">{t("costs.fees.usedNone", { days: usedDays })}</Text> : null}
          {used.map((row) => (
            <InlineStack key={row.gateway} gap="200" blockAlign="center">
              <Text as="span" fontWeight="semibold">
                {row.gateway}
              </Text>
              <Text as="span">{t("costs.fees.used", { count: row.payments, amount: row.amount, share: row.knownWords })}</Text>
              {row.hasRule ? (
                <Text as="span" tone="subdued">
                  {t("costs.fees.ruled")}
                </Text>
              ) : null}
              {row.needsRule ? <Badge tone="warning">{t("costs.fees.needsRule")}</Badge> : null}
              {row.needsRule && canEdit ? (
                <Button variant="plain" onClick={() => setGateway(row.gateway)}>
                  {t("costs.fees.setRule", { gateway: row.gateway })}
                </Button>
              ) : null}
            </InlineStack>
          ))}
        </BlockStack>
        {fees.length === 0 ? <Text as="p">{t("costs.fees.none")}</Text> : null}
        {fees.map((fee) => (
          <InlineStack key={fee.gateway} gap="200" blockAlign="center">
            <Text as="span" fontWeight="semibold">
              {fee.gateway}
            </Text>
            <Text as="span">{fee.words}</Text>
            {canEdit ? (
              <RemoveButton intent="remove_gateway_fee" fields={{ gateway: fee.gateway }} label={t("costs.fees.removeLabel", { gateway: fee.gateway })}>
                {t("costs.fees.remove")}
              </RemoveButton>
            ) : null}
          </InlineStack>
        ))}
        {canEdit && suggestions.length > 0 ? (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              {t("costs.fees.suggestionsTitle")}
            </Text>
            {suggestions.map((suggestion) => (
              <InlineStack key={suggestion.gateway} gap="200" blockAlign="center">
                <Text as="span">
                  {t("costs.fees.suggestion", { gateway: suggestion.gateway, rate: `${suggestion.ratePercent}%`, fee: `${suggestion.fixedFee} ${currency}` })}
                </Text>
                <Button
                  variant="plain"
                  onClick={() => {
                    setGateway(suggestion.gateway);
                    setRate(suggestion.ratePercent);
                    setFixedFee(suggestion.fixedFee);
                  }}
                >
                  {t("costs.fees.accept", { gateway: suggestion.gateway })}
                </Button>
              </InlineStack>
            ))}
            <Text as="p" tone="subdued" variant="bodySm">
              {t("costs.fees.suggestionNote")}
            </Text>
          </BlockStack>
        ) : null}
        {canEdit ? (
          <Form method="post" id="fee-form">
            <input type="hidden" name="intent" value="set_gateway_fee" />
            <FormLayout>
              <FormLayout.Group>
                <TextField
                  label={t("costs.fees.gateway")}
                  name="gateway"
                  value={gateway}
                  onChange={setGateway}
                  autoComplete="off"
                  helpText={t("costs.fees.gatewayHelp")}
                  error={errors.gateway}
                />
                <TextField
                  label={t("costs.fees.rate")}
                  name="rate"
                  value={rate}
                  onChange={setRate}
                  autoComplete="off"
                  inputMode="decimal"
                  error={errors.rate}
                />
                <TextField
                  label={t("costs.fees.fixedFee", { currency })}
                  name="fixedFee"
                  value={fixedFee}
                  onChange={setFixedFee}
                  autoComplete="off"
                  inputMode="decimal"
                  error={errors.fixedFee}
                />
              </FormLayout.Group>
              <Button submit>{t("costs.fees.save")}</Button>
            </FormLayout>
          </Form>
        ) : null}
      </BlockStack>
    </Card>
  );
}

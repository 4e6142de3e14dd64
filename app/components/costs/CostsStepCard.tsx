import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useEffect, useRef } from "react";
import { showToast } from "~/components/toast";
import { partKey } from "~/costs/costs-step-parts";
import type { CostsStepPartView, CostsStepView } from "~/costs/costs-step.server";
import { useLocale } from "~/i18n/react";

type Answer = { ok: boolean; message?: string; errors?: Record<string, string> };

/**
 * A one-click form: posts its fields to `action` and says how it went in a toast. Said as soon as
 * the answer arrives, while Home reloads its step: a rule set or a part skipped takes its button
 * away with the reload, before the fetcher is idle again.
 */
function OneClick({ action, fields, label, children }: { action: string; fields: Record<string, string>; label?: string; children: string }) {
  const fetcher = useFetcher<Answer>();
  const told = useRef<Answer | null>(null);
  useEffect(() => {
    if (fetcher.state === "submitting" || !fetcher.data || told.current === fetcher.data) return;
    told.current = fetcher.data;
    const { ok, message, errors } = fetcher.data;
    if (ok && message) showToast(message);
    else if (!ok) showToast(Object.values(errors ?? {}).join(" "), { isError: true });
  }, [fetcher.state, fetcher.data]);
  return (
    <fetcher.Form method="post" action={action}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit size="slim" accessibilityLabel={label} loading={fetcher.state !== "idle"}>
        {children}
      </Button>
    </fetcher.Form>
  );
}

function StepPart({ part }: { part: CostsStepPartView }) {
  const { t } = useLocale();
  const title = t(`costsStep.${partKey(part.part)}.title`);
  return (
    <Box paddingBlockStart="300" borderBlockStartWidth="025" borderColor="border-secondary">
      <BlockStack gap="200" id={`costs-step-${part.part}`}>
        <InlineStack gap="200" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {title}
          </Text>
          <Badge tone={part.done ? "success" : "attention"}>{part.done ? t("costsStep.done") : t("costsStep.toDo")}</Badge>
        </InlineStack>
        <Text as="p" id={`costs-step-${part.part}-found`}>
          {part.found}
        </Text>
        {part.missing ? (
          <Text as="p" tone="subdued" id={`costs-step-${part.part}-missing`}>
            {part.missing}
          </Text>
        ) : null}
        <InlineStack gap="200" blockAlign="center" wrap>
          {part.part === "fees"
            ? part.gateways.map((row) =>
                row.suggestion ? (
                  <OneClick
                    key={row.gateway}
                    action="/app/costs"
                    fields={{ intent: "set_gateway_fee", gateway: row.gateway, rate: row.suggestion.ratePercent, fixedFee: row.suggestion.fixedFee }}
                  >
                    {t("costsStep.fees.useSuggestion", { words: row.suggestion.words, gateway: row.gateway })}
                  </OneClick>
                ) : (
                  <Button key={row.gateway} size="slim" url={`/app/costs?gateway=${encodeURIComponent(row.gateway)}#costs-fees`}>
                    {t("costsStep.fees.setRule", { gateway: row.gateway })}
                  </Button>
                ),
              )
            : null}
          {part.part === "default_rate" && part.suggestedPercent !== null ? (
            <OneClick action="/app/costs" fields={{ intent: "set_default_cost_rate", rate: part.suggestedPercent }}>
              {t("costsStep.defaultRate.useSuggestion", { rate: part.suggestedPercent })}
            </OneClick>
          ) : null}
          <Button variant="plain" url={`/app/costs#costs-${part.part}`}>
            {t("costsStep.open", { part: title })}
          </Button>
          {part.done ? null : (
            <OneClick action="/app/costs-step" fields={{ intent: "skip", part: part.part }} label={t("costsStep.skipLabel", { part: title })}>
              {t("costsStep.skip")}
            </OneClick>
          )}
        </InlineStack>
      </BlockStack>
    </Box>
  );
}

/**
 * Home's "Your costs" step after the first sync: what the figures know of each cost family and what
 * they miss, a way to set each (one click where a rule is suggested), each part skippable and the
 * whole step hidden for good.
 */
export function CostsStepCard({ step }: { step: CostsStepView }) {
  const { t } = useLocale();
  return (
    <Card>
      <BlockStack gap="300" id="costs-step">
        <InlineStack align="space-between" blockAlign="center" wrap gap="200">
          <Text as="h2" variant="headingMd">
            {t("costsStep.title")}
          </Text>
          <OneClick action="/app/costs-step" fields={{ intent: "dismiss" }}>
            {t("costsStep.dismiss")}
          </OneClick>
        </InlineStack>
        <Text as="p" tone="subdued">
          {t("costsStep.intro")}
        </Text>
        {step.parts.map((part) => (
          <StepPart key={part.part} part={part} />
        ))}
      </BlockStack>
    </Card>
  );
}

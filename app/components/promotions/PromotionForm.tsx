import { Form, useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { loader as codesLoader } from "~/routes/app.discount-codes";
import { ProductPicker } from "./ProductPicker";
import { useLocale } from "~/i18n/react";
import { promotionTypeLabel } from "~/promotions/promotion-types";

/** A playbook tactic as the form offers it, with the store's own past promotions of it. */
export interface PlaybookTactic {
  key: string;
  indicator: string;
  title: string;
  how: string;
  type: string;
  hypothesis: string;
  past: { id: number; title: string; dates: string; status: string; orders: number; revenue: string; verdict: string | null; learned: string | null }[];
}

export type PromotionFormState =
  { mode: "create"; values: Record<string, string> | null } | { mode: "edit"; id: number; title: string; values: Record<string, string> };

/**
 * Log a promotion, or change one: what, when, spend, how its orders are recognised, and the
 * indicator it should move. A new one may arrive prefilled (the "Track as promotion" admin action).
 */
export function PromotionForm({
  form,
  indicators,
  types,
  team,
  productTitles,
  errors,
  timeZone,
  currency,
  playbook = [],
  adCampaigns = [],
  stage = null,
}: {
  playbook?: PlaybookTactic[];
  /** The acting member's stage: at Follow and Adapt a tactic is needed and some of its fields are the tactic's (null: beyond any stage). */
  stage?: "follow" | "adapt" | "create" | null;
  /** Campaigns of the connected ad platforms it can be linked to ("platform|account|campaign"). */
  adCampaigns?: { value: string; label: string }[];
  form: PromotionFormState;
  team: { userId: string; name: string }[];
  productTitles: Record<string, string>;
  indicators: { key: string; label: string }[];
  types: string[];
  errors: Record<string, string>;
  timeZone: string;
  currency: string;
}) {
  const [fields, setFields] = useState<Record<string, string>>({ type: "discount", indicator: "", ...form.values });
  const field = (name: string) => ({
    name,
    value: fields[name] ?? "",
    onChange: (value: string) => setFields((current) => ({ ...current, [name]: value })),
    error: errors[name],
    autoComplete: "off",
  });
  const editing = form.mode === "edit";
  const { t, locale } = useLocale();
  const limited = stage === "follow" || stage === "adapt";
  const following = limited ? playbook.find((tactic) => tactic.key === fields.tactic) : undefined;
  // A field the stage keeps as the tactic has it: shown, not changed (the server refuses a change all the same).
  const locked = (name: "type" | "indicator" | "hypothesis") =>
    following !== undefined && (name === "indicator" || stage === "follow")
      ? { disabled: true, name: undefined, helpText: t("team.form.locked", { stage: t(`team.stages.${stage!}`) }) }
      : {};
  const keep = (name: "type" | "indicator" | "hypothesis") =>
    "disabled" in locked(name) ? <input type="hidden" name={name} value={fields[name] ?? ""} /> : null;
  // The codes the store's buyers used, offered below the field (loaded once, after the page).
  const codes = useFetcher<typeof codesLoader>();
  useEffect(() => {
    if (codes.state === "idle" && !codes.data) codes.load("/app/discount-codes");
  }, [codes]);
  const chosenCodes = (fields.discountCodes ?? "")
    .split(";")
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean);
  const offered = (codes.data?.codes ?? []).filter((item) => !chosenCodes.includes(item.code.toLowerCase())).slice(0, 12);
  const addCode = (code: string) =>
    setFields((current) => ({
      ...current,
      discountCodes: [
        ...(current.discountCodes ?? "")
          .split(";")
          .map((text) => text.trim())
          .filter(Boolean),
        code,
      ].join(";"),
    }));
  return (
    <Card>
      <Form method="post" id="promotion-form">
        <input type="hidden" name="intent" value={editing ? "update_promotion" : "create_promotion"} />
        {editing ? <input type="hidden" name="id" value={form.id} /> : null}
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {editing ? t("promotions.form.changeTitle", { title: form.title }) : t("promotions.form.logTitle")}
          </Text>
          {limited ? (
            <Text as="p" id="promotion-stage">
              {t(stage === "follow" ? "team.form.stage.follow" : "team.form.stage.adapt")}
            </Text>
          ) : null}
          {!editing && form.values?.discountCodes ? (
            <Text as="p" tone="subdued" id="prefilled-note">
              {t("promotions.form.prefilled")}
            </Text>
          ) : null}
          <FormLayout>
            <TextField label={t("promotions.form.title")} {...field("title")} />
            <Select
              label={t("promotions.form.owner")}
              options={[
                { value: "", label: editing ? t("promotions.form.keep") : t("promotions.form.me") },
                ...team.map((member) => ({ value: member.userId, label: member.name })),
              ]}
              {...field("owner")}
            />
            <Select
              label={t("promotions.form.type")}
              options={types.map((value) => ({ value, label: promotionTypeLabel(value, t) }))}
              {...field("type")}
              {...locked("type")}
            />
            {keep("type")}
            <TextField label={t("promotions.form.channel")} helpText={t("promotions.form.channelHelp")} {...field("channel")} />
            <FormLayout.Group>
              <TextField label={t("promotions.form.start")} type="date" {...field("start")} />
              <TextField label={t("promotions.form.end")} type="date" {...field("end")} />
            </FormLayout.Group>
            <FormLayout.Group>
              <TextField label={t("promotions.form.budget")} inputMode="decimal" suffix={currency} {...field("budget")} />
              <TextField label={t("promotions.form.spend")} inputMode="decimal" suffix={currency} {...field("spend")} />
            </FormLayout.Group>
            <TextField label={t("promotions.form.codes")} helpText={t("promotions.form.codesHelp")} {...field("discountCodes")} />
            {offered.length > 0 ? (
              <BlockStack gap="100" id="store-codes">
                <Text as="p" variant="bodySm" tone="subdued">
                  {t("promotions.form.storeCodes")}
                </Text>
                <InlineStack gap="200" wrap>
                  {offered.map((item) => (
                    <Button
                      key={item.code}
                      size="slim"
                      onClick={() => addCode(item.code)}
                      accessibilityLabel={t("promotions.form.addCode", { code: item.code })}
                    >
                      {`${item.code} · ${item.orders.toLocaleString(locale)}`}
                    </Button>
                  ))}
                </InlineStack>
              </BlockStack>
            ) : null}
            <TextField label={t("promotions.form.utm")} helpText={t("promotions.form.utmHelp")} {...field("utmCampaign")} />
            {adCampaigns.length > 0 || fields.adCampaign ? (
              <Select
                label={t("promotions.form.adCampaign")}
                helpText={t("promotions.form.adCampaignHelp")}
                options={[
                  { value: "", label: t("promotions.form.adCampaignNone") },
                  ...adCampaigns,
                  ...(fields.adCampaign && !adCampaigns.some((option) => option.value === fields.adCampaign)
                    ? [{ value: fields.adCampaign, label: fields.adCampaign.split("|").at(-1)! }]
                    : []),
                ]}
                {...field("adCampaign")}
              />
            ) : (
              <input type="hidden" name="adCampaign" value="" />
            )}
            <ProductPicker
              name="productIds"
              value={(fields.productIds ?? "").split(",").filter(Boolean)}
              onChange={(ids) => setFields((current) => ({ ...current, productIds: ids.join(",") }))}
              titles={productTitles}
              error={errors.productIds}
            />
            <Select
              label={t("promotions.form.indicator")}
              options={[
                { value: "", label: t("promotions.form.chooseIndicator") },
                ...indicators.map((option) => ({ value: option.key, label: option.label })),
              ]}
              {...field("indicator")}
              {...locked("indicator")}
            />
            {keep("indicator")}
            {limited && !following ? (
              <Text as="p" tone={errors.tactic ? "critical" : "subdued"} id="promotion-tactic-needed">
                {errors.tactic ?? t("team.form.chooseTactic")}
              </Text>
            ) : null}
            <input type="hidden" name="tactic" value={fields.tactic ?? ""} />
            <Playbook
              tactics={playbook.filter((tactic) => tactic.indicator === fields.indicator)}
              chosen={fields.tactic ?? ""}
              onUse={(tactic) =>
                setFields((current) => ({
                  ...current,
                  tactic: tactic.key,
                  type: tactic.type,
                  indicator: tactic.indicator,
                  title: current.title || tactic.title,
                  // At Follow the hypothesis is the tactic's, whatever was typed.
                  hypothesis: stage === "follow" ? tactic.hypothesis : current.hypothesis || tactic.hypothesis,
                }))
              }
              onClear={() => setFields((current) => ({ ...current, tactic: "" }))}
            />
            <TextField
              label={t("promotions.form.hypothesis")}
              multiline={2}
              {...field("hypothesis")}
              {...("disabled" in locked("hypothesis") ? { readOnly: true, helpText: locked("hypothesis").helpText } : {})}
            />
            <TextField label={t("promotions.form.expectedChange")} placeholder={t("promotions.form.expectedPlaceholder")} {...field("expectedChange")} />
            <Text as="p" variant="bodySm" tone="subdued">
              {t("targets.form.timeZone", { zone: timeZone })}
            </Text>
            <InlineStack gap="200">
              <Button submit variant="primary">
                {editing ? t("promotions.form.saveChanges") : t("promotions.form.log")}
              </Button>
              {editing ? (
                <Button url="/app/promotions" id="stop-editing">
                  {t("promotions.form.stopEditing")}
                </Button>
              ) : null}
            </InlineStack>
          </FormLayout>
        </BlockStack>
      </Form>
    </Card>
  );
}

/** The tactics known to move the chosen indicator, each with how this store's past promotions of it went. */
function Playbook({
  tactics,
  chosen,
  onUse,
  onClear,
}: {
  tactics: PlaybookTactic[];
  chosen: string;
  onUse: (tactic: PlaybookTactic) => void;
  onClear: () => void;
}) {
  const { t, locale } = useLocale();
  if (tactics.length === 0) return null;
  return (
    <BlockStack gap="200" id="playbook">
      <Text as="h3" variant="headingSm">
        {t("promotions.form.playbook")}
      </Text>
      {tactics.map((tactic) => (
        <BlockStack gap="100" key={tactic.key} id={`tactic-${tactic.key}`}>
          <InlineStack gap="200" blockAlign="center">
            <Text as="span" fontWeight="semibold">
              {tactic.title}
            </Text>
            {chosen === tactic.key ? (
              <Button size="slim" onClick={onClear} accessibilityLabel={t("promotions.form.stopFollowing", { title: tactic.title })}>
                {t("promotions.form.following")}
              </Button>
            ) : (
              <Button size="slim" onClick={() => onUse(tactic)} accessibilityLabel={t("promotions.form.useTacticLabel", { title: tactic.title })}>
                {t("promotions.form.useTactic")}
              </Button>
            )}
          </InlineStack>
          <Text as="p" variant="bodySm" tone="subdued">
            {tactic.how}
          </Text>
          {tactic.past.length === 0 ? (
            <Text as="p" variant="bodySm" tone="subdued">
              {t("promotions.form.notTried")}
            </Text>
          ) : (
            tactic.past.map((promotion) => (
              <Text as="p" variant="bodySm" key={promotion.id}>
                {triedWords(promotion, t, locale)}
              </Text>
            ))
          )}
        </BlockStack>
      ))}
    </BlockStack>
  );
}

/** "Tried: Spring bundle (1 Mar – 7 Mar, reviewed): 42 orders, €1,234.00 · Worked: …". */
function triedWords(promotion: PlaybookTactic["past"][number], t: ReturnType<typeof useLocale>["t"], locale: string): string {
  const tried = t("promotions.form.tried", {
    title: promotion.title,
    dates: promotion.dates,
    status: promotion.status,
    orders: promotion.orders.toLocaleString(locale),
    revenue: promotion.revenue,
  });
  if (!promotion.verdict) return tried;
  return promotion.learned
    ? t("promotions.form.triedVerdictLearned", { tried, verdict: promotion.verdict, learned: promotion.learned })
    : t("promotions.form.triedVerdict", { tried, verdict: promotion.verdict });
}

import { Form, useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { loader as codesLoader } from "~/routes/app.discount-codes";
import { ProductPicker } from "./ProductPicker";

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

export type PromotionFormState = { mode: "create"; values: Record<string, string> | null } | { mode: "edit"; id: number; title: string; values: Record<string, string> };

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
}: {
  playbook?: PlaybookTactic[];
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
  const field = (name: string) => ({ name, value: fields[name] ?? "", onChange: (value: string) => setFields((current) => ({ ...current, [name]: value })), error: errors[name], autoComplete: "off" });
  const editing = form.mode === "edit";
  // The codes the store's buyers used, offered below the field (loaded once, after the page).
  const codes = useFetcher<typeof codesLoader>();
  useEffect(() => {
    if (codes.state === "idle" && !codes.data) codes.load("/app/discount-codes");
  }, [codes]);
  const chosenCodes = (fields.discountCodes ?? "").split(";").map((code) => code.trim().toLowerCase()).filter(Boolean);
  const offered = (codes.data?.codes ?? []).filter((item) => !chosenCodes.includes(item.code.toLowerCase())).slice(0, 12);
  const addCode = (code: string) => setFields((current) => ({ ...current, discountCodes: [...(current.discountCodes ?? "").split(";").map((text) => text.trim()).filter(Boolean), code].join(";") }));
  return (
    <Card>
      <Form method="post" id="promotion-form">
        <input type="hidden" name="intent" value={editing ? "update_promotion" : "create_promotion"} />
        {editing ? <input type="hidden" name="id" value={form.id} /> : null}
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {editing ? `Change “${form.title}”` : "Log a promotion"}
          </Text>
          {!editing && form.values?.discountCodes ? (
            <Text as="p" tone="subdued" id="prefilled-note">
              The discount's codes are filled in: add the dates, spend and the indicator it should move.
            </Text>
          ) : null}
          <FormLayout>
            <TextField label="Title" {...field("title")} />
            <Select label="Owner" options={[{ value: "", label: editing ? "Keep as it is" : "Me" }, ...team.map((member) => ({ value: member.userId, label: member.name }))]} {...field("owner")} />
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
            {offered.length > 0 ? (
              <BlockStack gap="100" id="store-codes">
                <Text as="p" variant="bodySm" tone="subdued">
                  Codes your buyers used (orders):
                </Text>
                <InlineStack gap="200" wrap>
                  {offered.map((item) => (
                    <Button key={item.code} size="slim" onClick={() => addCode(item.code)} accessibilityLabel={`Add the code ${item.code}`}>
                      {`${item.code} · ${item.orders.toLocaleString("en")}`}
                    </Button>
                  ))}
                </InlineStack>
              </BlockStack>
            ) : null}
            <TextField label="UTM campaign" helpText="The campaign of the buyer's last visit." {...field("utmCampaign")} />
            <ProductPicker
              name="productIds"
              value={(fields.productIds ?? "").split(",").filter(Boolean)}
              onChange={(ids) => setFields((current) => ({ ...current, productIds: ids.join(",") }))}
              titles={productTitles}
              error={errors.productIds}
            />
            <Select label="Indicator it should move" options={[{ value: "", label: "Choose one (recommended)" }, ...indicators.map((option) => ({ value: option.key, label: option.label }))]} {...field("indicator")} />
            <input type="hidden" name="tactic" value={fields.tactic ?? ""} />
            <Playbook
              tactics={playbook.filter((tactic) => tactic.indicator === fields.indicator)}
              chosen={fields.tactic ?? ""}
              onUse={(tactic) =>
                setFields((current) => ({ ...current, tactic: tactic.key, type: tactic.type, title: current.title || tactic.title, hypothesis: current.hypothesis || tactic.hypothesis }))
              }
              onClear={() => setFields((current) => ({ ...current, tactic: "" }))}
            />
            <TextField label="Hypothesis" multiline={2} {...field("hypothesis")} />
            <TextField label="Expected change" placeholder="AOV +5%" {...field("expectedChange")} />
            <Text as="p" variant="bodySm" tone="subdued">
              Dates are in the shop's time zone ({timeZone}).
            </Text>
            <InlineStack gap="200">
              <Button submit variant="primary">
                {editing ? "Save changes" : "Log promotion"}
              </Button>
              {editing ? (
                <Button url="/app/promotions" id="stop-editing">
                  Stop editing
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
function Playbook({ tactics, chosen, onUse, onClear }: { tactics: PlaybookTactic[]; chosen: string; onUse: (tactic: PlaybookTactic) => void; onClear: () => void }) {
  if (tactics.length === 0) return null;
  return (
    <BlockStack gap="200" id="playbook">
      <Text as="h3" variant="headingSm">
        Playbook: tactics known to move it
      </Text>
      {tactics.map((tactic) => (
        <BlockStack gap="100" key={tactic.key} id={`tactic-${tactic.key}`}>
          <InlineStack gap="200" blockAlign="center">
            <Text as="span" fontWeight="semibold">
              {tactic.title}
            </Text>
            {chosen === tactic.key ? (
              <Button size="slim" onClick={onClear} accessibilityLabel={`Stop following ${tactic.title}`}>
                Following (undo)
              </Button>
            ) : (
              <Button size="slim" onClick={() => onUse(tactic)} accessibilityLabel={`Use the tactic ${tactic.title}`}>
                Use this tactic
              </Button>
            )}
          </InlineStack>
          <Text as="p" variant="bodySm" tone="subdued">
            {tactic.how}
          </Text>
          {tactic.past.length === 0 ? (
            <Text as="p" variant="bodySm" tone="subdued">
              Not tried in this store yet.
            </Text>
          ) : (
            tactic.past.map((promotion) => (
              <Text as="p" variant="bodySm" key={promotion.id}>
                {`Tried: ${promotion.title} (${promotion.dates}, ${promotion.status.toLowerCase()}): ${promotion.orders.toLocaleString("en")} orders, ${promotion.revenue}`}
                {promotion.verdict ? ` · ${promotion.verdict}${promotion.learned ? `: ${promotion.learned}` : ""}` : ""}
              </Text>
            ))
          )}
        </BlockStack>
      ))}
    </BlockStack>
  );
}

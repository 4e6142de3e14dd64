import { Form } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, FormLayout, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { IntentButton } from "~/components/IntentButton";
import { formatDateRange } from "~/lib/dates";

type PromotionView = {
  id: number;
  title: string;
  type: string;
  channel: string | null;
  ownerName: string | null;
  start: string;
  end: string;
  status: string;
  statusLabel: string;
  indicatorLabel: string | null;
  hypothesis: string | null;
  expectedChange: string | null;
  codes: string[];
  moreCodes: number;
  utmCampaign: string | null;
  spend: string;
  budget: string;
  results: { orders: number; revenue: string; roas: string; newCustomers: number } | null;
  lift: { baseline: string; reading: string; words: string }[];
  review: { verdict: string; learned: string | null; nextStep: string | null; by: string | null } | null;
  notes: { id: number; author: string; body: string; at: string }[];
  earlierNotes: number;
  productsOver: string;
  products: { id: string; title: string; days: number; units: number; unitsBefore: number; netSales: string; netSalesBefore: string }[];
  shopify: { shown: boolean; annotation: boolean; spendFits: boolean; spendSentThrough: string | null; error: string | null };
};

/** Whether Shopify shows the promotion (its Analytics charts, its marketing reports), and the buttons to change that. */
function InShopify({ promotion, canManage, error }: { promotion: PromotionView; canManage: boolean; error: string | undefined }) {
  const { shopify } = promotion;
  const state = shopify.shown
    ? [
        shopify.annotation ? "On Shopify's Analytics charts" : null,
        shopify.spendSentThrough ? `spend sent to Shopify's marketing reports through ${shopify.spendSentThrough}` : shopify.spendFits ? "spend is sent from its first day" : "spend not sent (Shopify needs spend and a UTM campaign)",
      ]
        .filter(Boolean)
        .join(" · ")
    : "Not shown in Shopify";
  return (
    <InlineStack gap="200" blockAlign="center">
      <Text as="span" variant="bodySm" tone="subdued" id={`promotion-${promotion.id}-shopify`}>
        {state}
      </Text>
      {canManage ? (
        <IntentButton intent={shopify.shown ? "remove_from_shopify" : "show_in_shopify"} id={promotion.id}>
          {shopify.shown ? "Take off Shopify" : "Show in Shopify Analytics"}
        </IntentButton>
      ) : null}
      {error || shopify.error ? (
        <Text as="span" variant="bodySm" tone="critical">
          {error ?? shopify.error}
        </Text>
      ) : null}
    </InlineStack>
  );
}

const STATUS_TONES: Record<string, "info" | "success" | "attention" | "critical" | undefined> = { running: "info", reviewed: "success", awaiting_review: "attention", overdue: "critical" };

function ReviewForm({ id, errors }: { id: number; errors: Record<string, string> }) {
  const [verdict, setVerdict] = useState("");
  const [learned, setLearned] = useState("");
  const [nextStep, setNextStep] = useState("");
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="review_promotion" />
      <input type="hidden" name="id" value={id} />
      <FormLayout>
        <Select
          label="Verdict"
          name="verdict"
          value={verdict}
          onChange={setVerdict}
          error={errors.verdict}
          options={[
            { value: "", label: "Choose…" },
            { value: "worked", label: "Worked" },
            { value: "no_effect", label: "No effect" },
            { value: "hurt", label: "Hurt" },
            { value: "inconclusive", label: "Inconclusive" },
          ]}
        />
        <TextField label="What we learned" name="learned" value={learned} onChange={setLearned} multiline={2} autoComplete="off" error={errors.learned} />
        <TextField label="Next step" name="nextStep" value={nextStep} onChange={setNextStep} autoComplete="off" error={errors.nextStep} />
        <Button submit>Save review</Button>
      </FormLayout>
    </Form>
  );
}

/** One promotion: what it is, its results and lift, its review, notes. Text is always shown as text. */
export function PromotionCard({ promotion, canManage, errors, archived = false }: { promotion: PromotionView; canManage: boolean; errors: Record<string, string>; archived?: boolean }) {
  const [note, setNote] = useState("");
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h3" variant="headingMd">
              {promotion.title}
            </Text>
            <Badge tone={STATUS_TONES[promotion.status]}>{promotion.statusLabel}</Badge>
            {promotion.indicatorLabel ? <Badge>{`Moves ${promotion.indicatorLabel}`}</Badge> : <Badge tone="warning">No indicator</Badge>}
          </InlineStack>
          <InlineStack gap="200">
            {archived ? <Badge>Archived</Badge> : null}
            {archived && canManage ? (
              <IntentButton intent="restore_promotion" id={promotion.id} accessibilityLabel={`Restore the promotion ${promotion.title}`}>
                Restore
              </IntentButton>
            ) : null}
            {archived ? null : (
              <IntentButton intent="duplicate_promotion" id={promotion.id}>
                Duplicate
              </IntentButton>
            )}
            {canManage && !archived ? (
              <Button variant="plain" url={`/app/promotions?edit=${promotion.id}`} id={`edit-promotion-${promotion.id}`}>
                Edit
              </Button>
            ) : null}
            {canManage && !archived ? (
              <IntentButton intent="archive_promotion" id={promotion.id} tone="critical" accessibilityLabel={`Archive the promotion ${promotion.title}`} confirm={`Archive “${promotion.title}”? It leaves the list and the reviews; Archived lists it to restore.`}>
                Archive
              </IntentButton>
            ) : null}
          </InlineStack>
        </InlineStack>
        <Text as="p" tone="subdued" variant="bodySm">
          {formatDateRange(promotion.start, promotion.end)} · {promotion.type.replace("_", " ")}
          {promotion.channel ? ` · ${promotion.channel}` : ""}
          {promotion.ownerName ? ` · owner ${promotion.ownerName}` : ""}
          {promotion.codes.length > 0 ? ` · codes ${promotion.codes.join(", ")}${promotion.moreCodes > 0 ? ` and ${promotion.moreCodes.toLocaleString("en")} more` : ""}` : ""}
          {promotion.utmCampaign ? ` · campaign ${promotion.utmCampaign}` : ""}
        </Text>
        {promotion.hypothesis || promotion.expectedChange ? (
          <Text as="p" variant="bodySm">
            {promotion.hypothesis}
            {promotion.expectedChange ? ` (expected: ${promotion.expectedChange})` : ""}
          </Text>
        ) : null}
        {promotion.results ? (
          <InlineGrid columns={{ xs: 2, md: 5 }} gap="300">
            {[
              ["Attributed orders", String(promotion.results.orders)],
              ["Attributed revenue", promotion.results.revenue],
              ["Spend", promotion.spend],
              ["ROAS", promotion.results.roas],
              ["New customers", String(promotion.results.newCustomers)],
            ].map(([label, value]) => (
              <BlockStack gap="050" key={label}>
                <Text as="span" variant="bodySm" tone="subdued">
                  {label}
                </Text>
                <Text as="span" variant="headingSm" id={`promotion-${promotion.id}-${label!.toLowerCase().replace(/ /g, "-")}`}>
                  {value}
                </Text>
              </BlockStack>
            ))}
          </InlineGrid>
        ) : null}
        {promotion.products.length > 0 ? (
          <BlockStack gap="050">
            <Text as="p" variant="bodySm" tone="subdued">
              Linked products{promotion.productsOver}:
            </Text>
            {promotion.products.map((product) => (
              <Text as="p" variant="bodySm" key={product.id} id={`promotion-${promotion.id}-product-${product.id.split("/").pop()}`}>
                {product.title}: {product.units.toLocaleString("en")} units ({product.unitsBefore.toLocaleString("en")} before), {product.netSales} net sales ({product.netSalesBefore} before)
              </Text>
            ))}
          </BlockStack>
        ) : null}
        {promotion.lift.map((lift) => (
          <Text as="p" key={lift.baseline} tone={lift.reading === "likely_up" ? "success" : lift.reading === "likely_down" ? "critical" : undefined}>
            {lift.words}
          </Text>
        ))}
        {promotion.review ? (
          <Text as="p">
            <strong>{promotion.review.verdict}</strong> — {promotion.review.learned}
            {promotion.review.nextStep ? ` Next: ${promotion.review.nextStep}` : ""}
            {promotion.review.by ? ` (${promotion.review.by})` : ""}
          </Text>
        ) : promotion.status === "awaiting_review" || promotion.status === "overdue" ? (
          <ReviewForm id={promotion.id} errors={errors} />
        ) : null}
        <InShopify promotion={promotion} canManage={canManage} error={errors.shopify} />
        {promotion.earlierNotes > 0 ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {`${promotion.earlierNotes.toLocaleString("en")} earlier note(s) not shown.`}
          </Text>
        ) : null}
        {promotion.notes.map((entry) => (
          <Text as="p" variant="bodySm" key={entry.id}>
            <strong>{entry.author}:</strong> {entry.body}
          </Text>
        ))}
        <Form method="post">
          <input type="hidden" name="intent" value="add_note" />
          <input type="hidden" name="id" value={promotion.id} />
          <InlineStack gap="200" blockAlign="end">
            <div style={{ flex: 1 }}>
              <TextField label="Add a note" labelHidden placeholder="Add a note" name="body" value={note} onChange={setNote} autoComplete="off" error={errors.body} />
            </div>
            <Button submit>Add note</Button>
          </InlineStack>
        </Form>
      </BlockStack>
    </Card>
  );
}

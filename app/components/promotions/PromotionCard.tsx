import { Form } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, FormLayout, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { IntentButton } from "~/components/IntentButton";
import { formatDate, formatDateRange } from "~/lib/dates";
import { VERDICTS } from "~/promotions/promotion-status";
import { promotionTypeLabel } from "~/promotions/promotion-types";
import { useLocale } from "~/i18n/react";
import { SelfReview, type SelfReviewState } from "./SelfReview";

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
  results: {
    orders: number;
    revenue: string;
    roas: string;
    newCustomers: number;
    wholeCost: string;
    profitOnCost: string;
    costCoverage: string | null;
  } | null;
  lift: { baseline: string; reading: string; words: string }[];
  review: { verdict: string; learned: string | null; nextStep: string | null; by: string | null } | null;
  notes: { id: number; author: string; body: string; at: string }[];
  earlierNotes: number;
  productsOver: string;
  products: { id: string; title: string; days: number; units: number; unitsBefore: number; netSales: string; netSalesBefore: string }[];
  shopify: { shown: boolean; annotation: boolean; spendFits: boolean; spendSentThrough: string | null; error: string | null };
  selfReview: SelfReviewState;
};

/** Whether Shopify shows the promotion (its Analytics charts, its marketing reports), and the buttons to change that. */
function InShopify({ promotion, canManage, error }: { promotion: PromotionView; canManage: boolean; error: string | undefined }) {
  const { shopify } = promotion;
  const { t, locale } = useLocale();
  const state = shopify.shown
    ? [
        shopify.annotation ? t("promotions.card.onCharts") : null,
        shopify.spendSentThrough
          ? t("promotions.card.spendSent", { day: formatDate(shopify.spendSentThrough, locale) })
          : shopify.spendFits
            ? t("promotions.card.spendFromFirst")
            : t("promotions.card.spendNotSent"),
      ]
        .filter(Boolean)
        .join(" · ")
    : t("promotions.card.notShown");
  return (
    <InlineStack gap="200" blockAlign="center">
      <Text as="span" variant="bodySm" tone="subdued" id={`promotion-${promotion.id}-shopify`}>
        {state}
      </Text>
      {canManage ? (
        <IntentButton intent={shopify.shown ? "remove_from_shopify" : "show_in_shopify"} id={promotion.id}>
          {shopify.shown ? t("promotions.card.takeOff") : t("promotions.card.showInShopify")}
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

const STATUS_TONES: Record<string, "info" | "success" | "attention" | "critical" | undefined> = {
  running: "info",
  reviewed: "success",
  awaiting_review: "attention",
  overdue: "critical",
};

function ReviewForm({ id, errors }: { id: number; errors: Record<string, string> }) {
  const [verdict, setVerdict] = useState("");
  const [learned, setLearned] = useState("");
  const [nextStep, setNextStep] = useState("");
  const { t } = useLocale();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="review_promotion" />
      <input type="hidden" name="id" value={id} />
      <FormLayout>
        <Select
          label={t("promotions.card.verdict")}
          name="verdict"
          value={verdict}
          onChange={setVerdict}
          error={errors.verdict}
          options={[{ value: "", label: t("promotions.card.choose") }, ...VERDICTS.map((value) => ({ value, label: t(`promotions.verdict.${value}`) }))]}
        />
        <TextField
          label={t("promotions.card.learned")}
          name="learned"
          value={learned}
          onChange={setLearned}
          multiline={2}
          autoComplete="off"
          error={errors.learned}
        />
        <TextField label={t("promotions.card.nextStep")} name="nextStep" value={nextStep} onChange={setNextStep} autoComplete="off" error={errors.nextStep} />
        <Button submit>{t("promotions.card.saveReview")}</Button>
      </FormLayout>
    </Form>
  );
}

/** One promotion: what it is, its results and lift, its review, notes. Text is always shown as text. */
export function PromotionCard({
  promotion,
  canManage,
  errors,
  archived = false,
  timeZone,
}: {
  promotion: PromotionView;
  canManage: boolean;
  errors: Record<string, string>;
  archived?: boolean;
  /** The shop's, for when the self-review was answered. */
  timeZone: string;
}) {
  const [note, setNote] = useState("");
  const { t, locale } = useLocale();
  const count = (value: number) => value.toLocaleString(locale);
  return (
    <div id={`promotion-${promotion.id}`}>
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center" gap="200">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h3" variant="headingMd">
                {promotion.title}
              </Text>
              <Badge tone={STATUS_TONES[promotion.status]}>{promotion.statusLabel}</Badge>
              {promotion.indicatorLabel ? (
                <Badge>{t("promotions.card.moves", { indicator: promotion.indicatorLabel })}</Badge>
              ) : (
                <Badge tone="warning">{t("promotions.card.noIndicator")}</Badge>
              )}
            </InlineStack>
            <InlineStack gap="200">
              {archived ? <Badge>{t("promotions.card.archived")}</Badge> : null}
              {archived && canManage ? (
                <IntentButton intent="restore_promotion" id={promotion.id} accessibilityLabel={t("promotions.card.restoreLabel", { title: promotion.title })}>
                  {t("promotions.card.restore")}
                </IntentButton>
              ) : null}
              {archived ? null : (
                <IntentButton intent="duplicate_promotion" id={promotion.id}>
                  {t("promotions.card.duplicate")}
                </IntentButton>
              )}
              {canManage && !archived ? (
                <Button variant="plain" url={`/app/promotions?edit=${promotion.id}`} id={`edit-promotion-${promotion.id}`}>
                  {t("promotions.card.edit")}
                </Button>
              ) : null}
              {canManage && !archived ? (
                <IntentButton
                  intent="archive_promotion"
                  id={promotion.id}
                  tone="critical"
                  accessibilityLabel={t("promotions.card.archiveLabel", { title: promotion.title })}
                  confirm={t("promotions.card.archiveConfirm", { title: promotion.title })}
                >
                  {t("promotions.card.archive")}
                </IntentButton>
              ) : null}
            </InlineStack>
          </InlineStack>
          <Text as="p" tone="subdued" variant="bodySm">
            {[
              formatDateRange(promotion.start, promotion.end, locale),
              promotionTypeLabel(promotion.type, t),
              promotion.channel,
              promotion.ownerName ? t("promotions.card.owner", { name: promotion.ownerName }) : null,
              promotion.codes.length > 0
                ? promotion.moreCodes > 0
                  ? t("promotions.card.codesMore", { codes: promotion.codes.join(", "), count: count(promotion.moreCodes) })
                  : t("promotions.card.codes", { codes: promotion.codes.join(", ") })
                : null,
              promotion.utmCampaign ? t("promotions.card.campaign", { campaign: promotion.utmCampaign }) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
          {promotion.hypothesis || promotion.expectedChange ? (
            <Text as="p" variant="bodySm">
              {promotion.hypothesis}
              {promotion.expectedChange ? ` ${t("promotions.card.expected", { change: promotion.expectedChange })}` : ""}
            </Text>
          ) : null}
          {promotion.results ? (
            <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
              {(
                [
                  ["attributed-orders", t("promotions.card.attributedOrders"), count(promotion.results.orders), null],
                  ["attributed-revenue", t("promotions.card.attributedRevenue"), promotion.results.revenue, null],
                  ["new-customers", t("promotions.card.newCustomers"), count(promotion.results.newCustomers), null],
                  ["spend", t("promotions.card.spend"), promotion.spend, null],
                  ["roas", t("promotions.card.roas"), promotion.results.roas, null],
                  ["whole-cost", t("promotionFigures.promotion_cost.label"), promotion.results.wholeCost, null],
                  ["profit-on-cost", t("promotionFigures.profit_on_cost.label"), promotion.results.profitOnCost, promotion.results.costCoverage],
                ] as const
              ).map(([key, label, value, note]) => (
                <BlockStack gap="050" key={key}>
                  <Text as="span" variant="bodySm" tone="subdued">
                    {label}
                  </Text>
                  <Text as="span" variant="headingSm" id={`promotion-${promotion.id}-${key}`}>
                    {value}
                  </Text>
                  {note ? (
                    <Text as="span" variant="bodySm" tone="subdued">
                      {note}
                    </Text>
                  ) : null}
                </BlockStack>
              ))}
            </InlineGrid>
          ) : null}
          {promotion.products.length > 0 ? (
            <BlockStack gap="050">
              <Text as="p" variant="bodySm" tone="subdued">
                {t("promotions.card.linkedProducts", { over: promotion.productsOver })}
              </Text>
              {promotion.products.map((product) => (
                <Text as="p" variant="bodySm" key={product.id} id={`promotion-${promotion.id}-product-${product.id.split("/").pop()}`}>
                  {t("promotions.card.productLine", {
                    title: product.title,
                    units: count(product.units),
                    unitsBefore: count(product.unitsBefore),
                    netSales: product.netSales,
                    netSalesBefore: product.netSalesBefore,
                  })}
                </Text>
              ))}
            </BlockStack>
          ) : null}
          {promotion.lift.map((lift) => (
            <Text as="p" key={lift.baseline} tone={lift.reading === "likely_up" ? "success" : lift.reading === "likely_down" ? "critical" : undefined}>
              {lift.words}
            </Text>
          ))}
          <SelfReview id={promotion.id} state={promotion.selfReview} errors={errors} timeZone={timeZone} />
          {promotion.review ? (
            <Text as="p">
              <strong>{promotion.review.verdict}</strong> — {promotion.review.learned}
              {promotion.review.nextStep ? ` ${t("promotions.card.next", { step: promotion.review.nextStep })}` : ""}
              {promotion.review.by ? ` (${promotion.review.by})` : ""}
            </Text>
          ) : promotion.selfReview.verdictWaits ? (
            <Text as="p" tone="subdued" id={`promotion-${promotion.id}-verdict-waits`}>
              {promotion.selfReview.verdictWaits}
            </Text>
          ) : promotion.status === "awaiting_review" || promotion.status === "overdue" ? (
            <ReviewForm id={promotion.id} errors={errors} />
          ) : null}
          <InShopify promotion={promotion} canManage={canManage} error={errors.shopify} />
          {promotion.earlierNotes > 0 ? (
            <Text as="p" variant="bodySm" tone="subdued">
              {t("promotions.card.earlierNotes", { count: promotion.earlierNotes })}
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
                <TextField
                  label={t("promotions.card.addNote")}
                  labelHidden
                  placeholder={t("promotions.card.addNote")}
                  name="body"
                  value={note}
                  onChange={setNote}
                  autoComplete="off"
                  error={errors.body}
                />
              </div>
              <Button submit>{t("promotions.card.addNoteButton")}</Button>
            </InlineStack>
          </Form>
        </BlockStack>
      </Card>
    </div>
  );
}

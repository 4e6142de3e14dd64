import { Form } from "@remix-run/react";
import { Button, Card, InlineStack, Select, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useLocale } from "~/i18n/react";
import { promotionTypeLabel } from "~/promotions/promotion-types";

/** Filters live in the URL (shareable, and the back button works). */
export function PromotionFilters({
  filters,
  indicators,
  types,
}: {
  filters: { status: string; indicator: string; type: string; q: string };
  indicators: { key: string; label: string }[];
  types: string[];
}) {
  const { t } = useLocale();
  const [status, setStatus] = useState(filters.status);
  const [indicator, setIndicator] = useState(filters.indicator);
  const [type, setType] = useState(filters.type);
  const [q, setQ] = useState(filters.q);
  return (
    <Card>
      <Form method="get">
        <InlineStack gap="300" blockAlign="end" wrap>
          <TextField label={t("promotions.filters.search")} name="q" value={q} onChange={setQ} autoComplete="off" />
          <Select
            label={t("promotions.filters.status")}
            name="status"
            value={status}
            onChange={setStatus}
            options={[
              { value: "", label: t("promotions.filters.any") },
              { value: "running", label: t("promotions.status.running") },
              { value: "upcoming", label: t("promotions.status.upcoming") },
              { value: "needs_review", label: t("promotions.filters.needsReview") },
              { value: "overdue", label: t("promotions.status.overdue") },
              { value: "reviewed", label: t("promotions.status.reviewed") },
              { value: "archived", label: t("promotions.status.archived") },
            ]}
          />
          <Select
            label={t("promotions.filters.indicator")}
            name="indicator"
            value={indicator}
            onChange={setIndicator}
            options={[
              { value: "", label: t("promotions.filters.any") },
              { value: "none", label: t("promotions.filters.noIndicator") },
              ...indicators.map((option) => ({ value: option.key, label: option.label })),
            ]}
          />
          <Select
            label={t("promotions.filters.type")}
            name="type"
            value={type}
            onChange={setType}
            options={[{ value: "", label: t("promotions.filters.any") }, ...types.map((value) => ({ value, label: promotionTypeLabel(value, t) }))]}
          />
          <Button submit>{t("promotions.filters.filter")}</Button>
        </InlineStack>
      </Form>
    </Card>
  );
}

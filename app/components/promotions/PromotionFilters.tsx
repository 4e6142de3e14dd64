import { Form } from "@remix-run/react";
import { Button, Card, InlineStack, Select, TextField } from "@shopify/polaris";
import { useState } from "react";

/** Filters live in the URL (shareable, and the back button works). */
export function PromotionFilters({ filters, indicators, types }: { filters: { status: string; indicator: string; type: string; q: string }; indicators: { key: string; label: string }[]; types: string[] }) {
  const [status, setStatus] = useState(filters.status);
  const [indicator, setIndicator] = useState(filters.indicator);
  const [type, setType] = useState(filters.type);
  const [q, setQ] = useState(filters.q);
  return (
    <Card>
      <Form method="get">
        <InlineStack gap="300" blockAlign="end" wrap>
          <TextField label="Search titles" name="q" value={q} onChange={setQ} autoComplete="off" />
          <Select
            label="Status"
            name="status"
            value={status}
            onChange={setStatus}
            options={[
              { value: "", label: "Any" },
              { value: "running", label: "Running" },
              { value: "upcoming", label: "Upcoming" },
              { value: "needs_review", label: "Awaiting review" },
              { value: "overdue", label: "Review overdue" },
              { value: "reviewed", label: "Reviewed" },
              { value: "archived", label: "Archived" },
            ]}
          />
          <Select label="Indicator" name="indicator" value={indicator} onChange={setIndicator} options={[{ value: "", label: "Any" }, { value: "none", label: "No indicator" }, ...indicators.map((option) => ({ value: option.key, label: option.label }))]} />
          <Select label="Type" name="type" value={type} onChange={setType} options={[{ value: "", label: "Any" }, ...types.map((value) => ({ value, label: value.replace("_", " ") }))]} />
          <Button submit>Filter</Button>
        </InlineStack>
      </Form>
    </Card>
  );
}

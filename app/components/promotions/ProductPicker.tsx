import { useFetcher } from "@remix-run/react";
import { Autocomplete, BlockStack, InlineStack, Tag } from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";
import { useLocale } from "~/i18n/react";

/** Pick store products by title (searched on the server as you type); the ids go with the form. */
export function ProductPicker({
  name,
  value,
  onChange,
  titles,
  error,
}: {
  name: string;
  value: string[];
  onChange: (ids: string[]) => void;
  titles: Record<string, string>;
  error?: string;
}) {
  const { t } = useLocale();
  const fetcher = useFetcher<{ products: { id: string; title: string }[] }>();
  const [input, setInput] = useState("");
  const [known, setKnown] = useState<Record<string, string>>(titles);
  const found = fetcher.data?.products;
  useEffect(() => {
    if (found) setKnown((current) => ({ ...current, ...Object.fromEntries(found.map((product) => [product.id, product.title])) }));
  }, [found]);
  const options = useMemo(() => (found ?? []).map((product) => ({ value: product.id, label: product.title })), [found]);
  const search = (text: string) => {
    setInput(text);
    if (text.trim()) fetcher.load(`/app/product-search?q=${encodeURIComponent(text.trim())}`);
  };
  return (
    <BlockStack gap="200">
      <input type="hidden" name={name} value={value.join(",")} />
      <Autocomplete
        allowMultiple
        options={options}
        selected={value}
        onSelect={(ids) => onChange(ids as string[])}
        loading={fetcher.state === "loading"}
        emptyState={input.trim() ? t("promotions.form.noProduct") : undefined}
        textField={
          <Autocomplete.TextField
            label={t("promotions.form.products")}
            value={input}
            onChange={search}
            placeholder={t("promotions.form.productsPlaceholder")}
            autoComplete="off"
            error={error}
            helpText={t("promotions.form.productsHelp")}
          />
        }
      />
      {value.length > 0 ? (
        <InlineStack gap="100">
          {value.map((id) => (
            <Tag key={id} onRemove={() => onChange(value.filter((other) => other !== id))}>
              {known[id] ?? id}
            </Tag>
          ))}
        </InlineStack>
      ) : null}
    </BlockStack>
  );
}

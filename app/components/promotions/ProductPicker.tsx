import { useFetcher } from "@remix-run/react";
import { Autocomplete, BlockStack, InlineStack, Tag } from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";

/** Pick store products by title (searched on the server as you type); the ids go with the form. */
export function ProductPicker({ name, value, onChange, titles, error }: { name: string; value: string[]; onChange: (ids: string[]) => void; titles: Record<string, string>; error?: string }) {
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
        emptyState={input.trim() ? "No product has that in its title." : undefined}
        textField={<Autocomplete.TextField label="Linked products" value={input} onChange={search} placeholder="Search the store's products" autoComplete="off" error={error} helpText="Optional: their sales during the promotion show beside it." />}
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

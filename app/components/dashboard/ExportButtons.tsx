import { Button, ButtonGroup, InlineError } from "@shopify/polaris";
import { useState } from "react";

/**
 * CSV downloads. Inside Shopify admin the app runs in an iframe and authenticates with a session
 * token, which App Bridge adds to fetch requests (not to plain links): fetch, then save the file.
 */
export function ExportButtons({ query }: { query: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const download = async (name: string, path: string) => {
    setBusy(name);
    setError(null);
    try {
      const response = await fetch(`${path}?${query}`);
      if (!response.ok) throw new Error(`The export failed (${response.status}). Try again.`);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? `${name}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <ButtonGroup>
        <Button id="export-indicators" loading={busy === "indicators"} onClick={() => void download("indicators", "/app/export/indicators.csv")}>
          Export indicators (CSV)
        </Button>
        <Button id="export-products" loading={busy === "products"} onClick={() => void download("products", "/app/export/products.csv")}>
          Export products (CSV)
        </Button>
      </ButtonGroup>
      {error ? <InlineError message={error} fieldID="export" /> : null}
    </>
  );
}

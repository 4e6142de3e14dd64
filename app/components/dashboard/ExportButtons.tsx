import { Button, ButtonGroup, InlineError } from "@shopify/polaris";
import { useState } from "react";
import { useLocale } from "~/i18n/react";
import { downloadFile, failedStatus } from "../download";

/** CSV downloads of the dashboard's period. */
export function ExportButtons({ query }: { query: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useLocale();
  const download = async (name: string, path: string) => {
    setBusy(name);
    setError(null);
    try {
      await downloadFile(`${path}?${query}`, `${name}.csv`);
    } catch (failure) {
      const status = failedStatus(failure);
      setError(status === null ? t("exports.unreachable") : t("exports.failed", { status }));
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <ButtonGroup>
        <Button id="export-indicators" loading={busy === "indicators"} onClick={() => void download("indicators", "/app/export/indicators.csv")}>
          {t("home.exportIndicators")}
        </Button>
        <Button id="export-products" loading={busy === "products"} onClick={() => void download("products", "/app/export/products.csv")}>
          {t("home.exportProducts")}
        </Button>
      </ButtonGroup>
      {error ? <InlineError message={error} fieldID="export" /> : null}
    </>
  );
}

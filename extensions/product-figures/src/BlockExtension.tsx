// "Throughline figures" on a product's page in Shopify admin: the product's last 30 days and the
// promotions it is linked to, from the app's backend, with a link into the app.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { figuresPath, readFigures, type ProductFigures } from "./figures";

export default async () => {
  render(<Extension />, document.body);
};

type State = { loading: true } | { error: string } | { figures: ProductFigures };

async function load(): Promise<State> {
  const path = figuresPath(shopify.data.selected[0]?.id);
  if (!path) return { error: "Open a product to see its figures." };
  try {
    // Admin extensions' fetch to the app's own backend carries the session token.
    const response = await fetch(path);
    if (!response.ok) return { error: `Throughline couldn't load the figures (${response.status}).` };
    const read = readFigures(await response.json());
    return "error" in read ? read : { figures: read };
  } catch (error) {
    return { error: `Throughline couldn't load the figures: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function Extension() {
  const [state, setState] = useState<State>({ loading: true });
  useEffect(() => {
    void load().then(setState);
  }, []);
  const figures = "figures" in state ? state.figures : null;
  return (
    <s-admin-block heading="Throughline">
      {"loading" in state ? <s-spinner accessibilityLabel="Loading the figures" /> : null}
      {"error" in state ? <s-banner tone="warning">{state.error}</s-banner> : null}
      {figures ? (
        <s-stack gap="base">
          <s-text color="subdued">{figures.period}</s-text>
          <s-table>
            <s-table-header-row>
              <s-table-header>Figure</s-table-header>
              <s-table-header>Value</s-table-header>
            </s-table-header-row>
            <s-table-body>
              {figures.rows.map((row) => (
                <s-table-row key={row.label}>
                  <s-table-cell>{row.label}</s-table-cell>
                  <s-table-cell>{row.value}</s-table-cell>
                </s-table-row>
              ))}
            </s-table-body>
          </s-table>
          {figures.promotions.length === 0 ? (
            <s-paragraph>No promotion is linked to this product yet.</s-paragraph>
          ) : (
            <s-stack gap="small-200">
              <s-heading>Promotions it is linked to</s-heading>
              {figures.promotions.map((promotion) => (
                <s-paragraph key={promotion.id}>
                  {promotion.title} ({promotion.dates}, {promotion.status.toLowerCase()})
                </s-paragraph>
              ))}
            </s-stack>
          )}
          <s-link href={`app:${figures.promotionsPath}`}>Open in Throughline</s-link>
        </s-stack>
      ) : null}
    </s-admin-block>
  );
}

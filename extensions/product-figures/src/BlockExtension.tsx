// "Throughline figures" on a product's page in Shopify admin: the product's last 30 days and the
// promotions it is linked to, from the app's backend, with a link into the app. Its own words come
// from locales/ in the staff member's admin language; the figures come worded by the app in the
// same language (the block sends it).
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { figuresPath, readFigures, type Message, type ProductFigures } from "./figures";

export default async () => {
  render(<Extension />, document.body);
};

type State = { loading: true } | { error: Message } | { figures: ProductFigures };

const say = (message: Message) => String(shopify.i18n.translate(message.key, message.values));

async function load(): Promise<State> {
  const path = figuresPath(shopify.data.selected[0]?.id, say({ key: "language" }));
  if (!path) return { error: { key: "errors.noProduct" } };
  try {
    // Admin extensions' fetch to the app's own backend carries the session token.
    const response = await fetch(path);
    if (!response.ok) return { error: { key: "errors.status", values: { status: response.status } } };
    const read = readFigures(await response.json());
    return "error" in read ? read : { figures: read };
  } catch (error) {
    return { error: { key: "errors.network", values: { reason: error instanceof Error ? error.message : String(error) } } };
  }
}

function Extension() {
  const [state, setState] = useState<State>({ loading: true });
  useEffect(() => {
    void load().then(setState);
  }, []);
  const figures = "figures" in state ? state.figures : null;
  return (
    <s-admin-block heading={say({ key: "heading" })}>
      {"loading" in state ? <s-spinner accessibilityLabel={say({ key: "loading" })} /> : null}
      {"error" in state ? <s-banner tone="warning">{say(state.error)}</s-banner> : null}
      {figures ? (
        <s-stack gap="base">
          <s-text color="subdued">{figures.period}</s-text>
          <s-table>
            <s-table-header-row>
              <s-table-header>{say({ key: "figure" })}</s-table-header>
              <s-table-header>{say({ key: "value" })}</s-table-header>
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
            <s-paragraph>{say({ key: "noPromotions" })}</s-paragraph>
          ) : (
            <s-stack gap="small-200">
              <s-heading>{say({ key: "linkedPromotions" })}</s-heading>
              {figures.promotions.map((promotion) => (
                <s-paragraph key={promotion.id}>
                  {say({ key: "promotion", values: { title: promotion.title, dates: promotion.dates, status: promotion.status } })}
                </s-paragraph>
              ))}
            </s-stack>
          )}
          <s-link href={`app:${figures.promotionsPath}`}>{say({ key: "open" })}</s-link>
        </s-stack>
      ) : null}
    </s-admin-block>
  );
}

// "Track as promotion" on a discount's page in Shopify admin: reads the discount (title, codes,
// dates) and opens Throughline's new promotion form with them filled in.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { DISCOUNT_QUERY, discountNodeId, promotionFormHref, readDiscount, type TrackedDiscount } from "./discount-link";

export default async () => {
  render(<Extension />, document.body);
};

type State = { loading: true } | { error: string } | { discount: TrackedDiscount };

async function load(): Promise<State> {
  const id = discountNodeId(shopify.data.selected[0]?.id);
  if (!id) return { error: "Open a discount first, then track it." };
  try {
    const result = await shopify.query<Parameters<typeof readDiscount>[0]>(DISCOUNT_QUERY, { variables: { id } });
    if (result.errors?.length) return { error: `Shopify couldn't read the discount: ${result.errors.map((error) => error.message).join("; ")}` };
    return readDiscount(result.data);
  } catch (error) {
    return { error: `Shopify couldn't read the discount: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function Extension() {
  const [state, setState] = useState<State>({ loading: true });
  useEffect(() => {
    void load().then(setState);
  }, []);
  const discount = "discount" in state ? state.discount : null;
  return (
    <s-admin-action heading="Track as promotion" loading={"loading" in state}>
      {"error" in state ? <s-banner tone="warning">{state.error}</s-banner> : null}
      {discount ? (
        <s-stack gap="base">
          <s-paragraph>
            Log “{discount.title}” in Throughline: its orders are counted by code ({discount.codes.join(", ")}
            {discount.totalCodes > discount.codes.length ? ` and ${discount.totalCodes - discount.codes.length} more` : ""}), from {discount.start}
            {discount.end ? ` to ${discount.end}` : ""}.
          </s-paragraph>
          <s-paragraph>Then say which indicator it should move and what you expect.</s-paragraph>
        </s-stack>
      ) : null}
      <s-button slot="primary-action" variant="primary" disabled={!discount} href={discount ? promotionFormHref(discount) : undefined}>
        Open the promotion form
      </s-button>
      <s-button slot="secondary-actions" onClick={() => shopify.close()}>
        Cancel
      </s-button>
    </s-admin-action>
  );
}

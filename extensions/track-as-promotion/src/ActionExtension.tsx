// "Track as promotion" on a discount's page in Shopify admin: reads the discount (title, codes,
// dates) and opens Throughline's new promotion form with them filled in. Its words come from
// locales/ in the staff member's admin language, its dates in their admin's format.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { DISCOUNT_QUERY, discountNodeId, promotionFormHref, readDiscount, type Message, type TrackedDiscount } from "./discount-link";

export default async () => {
  render(<Extension />, document.body);
};

type State = { loading: true } | { error: Message } | { discount: TrackedDiscount };

const say = (message: Message) => String(shopify.i18n.translate(message.key, message.values));

/** A local date (YYYY-MM-DD, already in the shop's time zone) in the admin's date format. */
const day = (date: string) => shopify.i18n.formatDate(new Date(`${date}T00:00:00Z`), { timeZone: "UTC", dateStyle: "medium" });

async function load(): Promise<State> {
  const id = discountNodeId(shopify.data.selected[0]?.id);
  if (!id) return { error: { key: "errors.noDiscount" } };
  try {
    const result = await shopify.query<Parameters<typeof readDiscount>[0]>(DISCOUNT_QUERY, { variables: { id } });
    if (result.errors?.length) return { error: { key: "errors.shopify", values: { reason: result.errors.map((error) => error.message).join("; ") } } };
    return readDiscount(result.data);
  } catch (error) {
    return { error: { key: "errors.shopify", values: { reason: error instanceof Error ? error.message : String(error) } } };
  }
}

function summary(discount: TrackedDiscount): string {
  const more = discount.totalCodes - discount.codes.length;
  const codes = more > 0 ? say({ key: "moreCodes", values: { codes: discount.codes.join(", "), count: more } }) : discount.codes.join(", ");
  const values = { title: discount.title, codes, start: day(discount.start) };
  return discount.end ? say({ key: "summary", values: { ...values, end: day(discount.end) } }) : say({ key: "summaryOpenEnded", values });
}

function Extension() {
  const [state, setState] = useState<State>({ loading: true });
  useEffect(() => {
    void load().then(setState);
  }, []);
  const discount = "discount" in state ? state.discount : null;
  return (
    <s-admin-action heading={say({ key: "heading" })} loading={"loading" in state}>
      {"error" in state ? <s-banner tone="warning">{say(state.error)}</s-banner> : null}
      {discount ? (
        <s-stack gap="base">
          <s-paragraph>{summary(discount)}</s-paragraph>
          <s-paragraph>{say({ key: "next" })}</s-paragraph>
        </s-stack>
      ) : null}
      <s-button slot="primary-action" variant="primary" disabled={!discount} href={discount ? promotionFormHref(discount) : undefined}>
        {say({ key: "open" })}
      </s-button>
      <s-button slot="secondary-actions" onClick={() => shopify.close()}>
        {say({ key: "cancel" })}
      </s-button>
    </s-admin-action>
  );
}

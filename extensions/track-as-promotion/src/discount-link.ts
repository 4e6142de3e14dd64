/**
 * What "Track as promotion" needs from the discount on screen, and the link into Throughline's
 * new promotion form (pure: no Shopify globals, so the app's tests check it against the Admin
 * schema and the form it opens).
 */

const CODE_DISCOUNTS = ["DiscountCodeBasic", "DiscountCodeBxgy", "DiscountCodeFreeShipping", "DiscountCodeApp"];
const AUTOMATIC_DISCOUNTS = ["DiscountAutomaticBasic", "DiscountAutomaticBxgy", "DiscountAutomaticFreeShipping", "DiscountAutomaticApp"];
/** Every code discount type has these fields, but the Discount union shares no interface for them. */
const CODE_FIELDS = "title startsAt endsAt codesCount { count } codes(first: 250) { nodes { code } }";

/** The discount's title, dates and codes, and the shop's time zone for local dates. */
export const DISCOUNT_QUERY = `
  query TrackAsPromotion($id: ID!) {
    shop {
      ianaTimezone
    }
    discountNode(id: $id) {
      discount {
        __typename
        ${CODE_DISCOUNTS.map((type) => `... on ${type} { ${CODE_FIELDS} }`).join("\n        ")}
        ${AUTOMATIC_DISCOUNTS.map((type) => `... on ${type} { title }`).join("\n        ")}
      }
    }
  }
`;

/** The id the page gives (gid://shopify/DiscountCodeNode/1, …/DiscountNode/1, or a bare number) as a DiscountNode id. */
export function discountNodeId(selectedId: string | undefined): string | null {
  const match = /^(?:gid:\/\/shopify\/Discount(?:Code|Automatic)?Node\/)?(\d+)$/.exec(selectedId ?? "");
  return match ? `gid://shopify/DiscountNode/${match[1]}` : null;
}

interface DiscountResponse {
  shop?: { ianaTimezone?: string } | null;
  discountNode?: {
    discount?: {
      __typename?: string;
      title?: string;
      startsAt?: string;
      endsAt?: string | null;
      codesCount?: { count: number } | null;
      codes?: { nodes: { code: string }[] };
    } | null;
  } | null;
}

export interface TrackedDiscount {
  title: string;
  codes: string[];
  /** All the discount's codes, when it has more than were read. */
  totalCodes: number;
  /** Local dates in the shop's time zone; end is null for a discount without an end. */
  start: string;
  end: string | null;
}

/** A message of the action's `locales/`: its key, put into words by `shopify.i18n.translate`. */
export interface Message {
  key: string;
  values?: Record<string, string | number>;
}

/** The discount to track, or why it can't be tracked by its codes. */
export function readDiscount(data: DiscountResponse | null | undefined): { discount: TrackedDiscount } | { error: Message } {
  const discount = data?.discountNode?.discount;
  if (!discount) return { error: { key: "errors.unreadable" } };
  // Every discount type has a title in Shopify's schema; an empty one still reads as a name.
  const title = discount.title ?? "";
  if (!discount.codes) return { error: { key: "errors.automatic", values: { title } } };
  const zone = data?.shop?.ianaTimezone ?? "UTC";
  const codes = discount.codes.nodes.map((node) => node.code);
  if (codes.length === 0) return { error: { key: "errors.noCodes", values: { title } } };
  return {
    discount: {
      title: discount.title ?? codes[0]!,
      codes,
      totalCodes: discount.codesCount?.count ?? codes.length,
      start: localDate(discount.startsAt!, zone),
      end: discount.endsAt ? localDate(discount.endsAt, zone) : null,
    },
  };
}

/** "2026-04-01": the local date of an instant in a time zone. */
export function localDate(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((candidate) => candidate.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The new promotion form with the discount filled in, as an app: link Shopify admin resolves. */
export function promotionFormHref(discount: TrackedDiscount): string {
  const params = new URLSearchParams({ codes: discount.codes.join(";"), title: discount.title, start: discount.start });
  if (discount.end) params.set("end", discount.end);
  return `app:app/promotions?${params.toString()}`;
}

// What the product block shows, from the app's answer (pure: tested by the app's suite).

/** The app's answer for one product: its last 30 days and the promotions it is linked to. */
export interface ProductFigures {
  period: string;
  rows: { label: string; value: string }[];
  promotions: { id: number; title: string; dates: string; status: string }[];
  /** Where the product's promotions are in the app. */
  promotionsPath: string;
}

/** A message of the block's `locales/`: its key, put into words by `shopify.i18n.translate`. */
export interface Message {
  key: string;
  values?: Record<string, string | number>;
}

/**
 * The path of the app's answer for a product (its numeric id, from the block's selected GID), in
 * the block's language (its `language` message: the locale file admin chose for the staff member).
 */
export function figuresPath(productGid: string | undefined, language: string): string | null {
  const id = /^gid:\/\/shopify\/Product\/(\d+)$/.exec(productGid ?? "")?.[1];
  return id ? `/api/product-figures?${new URLSearchParams({ id, locale: language }).toString()}` : null;
}

/** The answer read defensively: anything unexpected becomes a message, never a broken block. */
export function readFigures(body: unknown): ProductFigures | { error: Message } {
  const value = body as Partial<ProductFigures> | null;
  if (!value || !Array.isArray(value.rows) || !Array.isArray(value.promotions) || typeof value.period !== "string") {
    return { error: { key: "errors.unreadable" } };
  }
  return value as ProductFigures;
}

// What the product block shows, from the app's answer (pure: tested by the app's suite).

/** The app's answer for one product: its last 30 days and the promotions it is linked to. */
export interface ProductFigures {
  period: string;
  rows: { label: string; value: string }[];
  promotions: { id: number; title: string; dates: string; status: string }[];
  /** Where the product's promotions are in the app. */
  promotionsPath: string;
}

/** The path of the app's answer for a product (its numeric id, from the block's selected GID). */
export function figuresPath(productGid: string | undefined): string | null {
  const id = /^gid:\/\/shopify\/Product\/(\d+)$/.exec(productGid ?? "")?.[1];
  return id ? `/api/product-figures?id=${id}` : null;
}

/** The answer read defensively: anything unexpected becomes a message, never a broken block. */
export function readFigures(body: unknown): ProductFigures | { error: string } {
  const value = body as Partial<ProductFigures> | null;
  if (!value || !Array.isArray(value.rows) || !Array.isArray(value.promotions) || typeof value.period !== "string") {
    return { error: "Throughline couldn't read this product's figures. Open the app to see them." };
  }
  return value as ProductFigures;
}

// The `shopify` global of the extension's target (the Shopify CLI writes the same when it builds).
import "@shopify/ui-extensions";

//@ts-ignore
declare module "./src/ActionExtension.tsx" {
  const shopify: import("@shopify/ui-extensions/admin.discount-details.action.render").Api;
  const globalThis: { shopify: typeof shopify };
}

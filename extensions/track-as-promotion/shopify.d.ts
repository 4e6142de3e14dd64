import '@shopify/ui-extensions';

//@ts-ignore
declare module './src/ActionExtension.tsx' {
  const shopify: import('@shopify/ui-extensions/admin.discount-details.action.render').Api;
  const globalThis: { shopify: typeof shopify };
}

//@ts-ignore
declare module './src/discount-link.ts' {
  const shopify: import('@shopify/ui-extensions/admin.discount-details.action.render').Api;
  const globalThis: { shopify: typeof shopify };
}

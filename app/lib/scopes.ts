/** The access scopes declared in shopify.app.toml (a test keeps the two the same). */
export const APP_SCOPES = [
  "read_orders",
  "read_all_orders",
  "read_products",
  "read_customers",
  "read_discounts",
  "read_marketing_events",
  "write_marketing_events",
  "read_reports",
  "write_reports",
  "read_analytics_annotations",
  "write_analytics_annotations",
] as const;

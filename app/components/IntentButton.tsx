import { Form } from "@remix-run/react";
import { Button } from "@shopify/polaris";

/** A one-button form posting an intent about one record (publish, archive, duplicate…). */
export function IntentButton({ intent, id, tone, accessibilityLabel, children }: { intent: string; id: number; tone?: "critical"; accessibilityLabel?: string; children: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <Button submit variant="plain" tone={tone} accessibilityLabel={accessibilityLabel}>
        {children}
      </Button>
    </Form>
  );
}

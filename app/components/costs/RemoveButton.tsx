import { Form } from "@remix-run/react";
import { Button } from "@shopify/polaris";

/** One button posting an intent with the fields that name what it removes (a gateway, a destination, a cost's id). */
export function RemoveButton({ intent, fields, label, children }: { intent: string; fields: Record<string, string>; label: string; children: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit variant="plain" tone="critical" accessibilityLabel={label}>
        {children}
      </Button>
    </Form>
  );
}

import { Form } from "@remix-run/react";
import { Button, InlineStack, Text } from "@shopify/polaris";
import { useState } from "react";

/**
 * A one-button form posting an intent about one record (publish, archive, duplicate…). With
 * `confirm`, the first click asks (in place, in words) and only "Yes" posts: nothing destructive
 * happens on one click.
 */
export function IntentButton({ intent, id, tone, accessibilityLabel, confirm, children }: { intent: string; id: number; tone?: "critical"; accessibilityLabel?: string; confirm?: string; children: string }) {
  const [asking, setAsking] = useState(false);
  if (confirm && !asking) {
    return (
      <Button variant="plain" tone={tone} accessibilityLabel={accessibilityLabel} onClick={() => setAsking(true)}>
        {children}
      </Button>
    );
  }
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      {confirm ? (
        <InlineStack gap="200" blockAlign="center">
          <span role="alert">
            <Text as="span" variant="bodySm">
              {confirm}
            </Text>
          </span>
          <Button submit variant="primary" tone={tone} size="slim">
            {`Yes, ${children.toLowerCase()}`}
          </Button>
          <Button size="slim" onClick={() => setAsking(false)}>
            Cancel
          </Button>
        </InlineStack>
      ) : (
        <Button submit variant="plain" tone={tone} accessibilityLabel={accessibilityLabel}>
          {children}
        </Button>
      )}
    </Form>
  );
}

import { BlockStack, Card, Text } from "@shopify/polaris";
import { formatDateTime } from "~/lib/dates";

/** Every change to goals, targets and roles: who, when, from what to what. */
export function HistoryCard({ history, timeZone }: { history: { id: number; at: string; who: string; what: string }[]; timeZone: string }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          History
        </Text>
        {history.length === 0 ? <Text as="p" tone="subdued">No changes yet.</Text> : null}
        <BlockStack gap="100">
          {history.map((change) => (
            <Text as="p" variant="bodySm" key={change.id}>
              <Text as="span" tone="subdued">
                {formatDateTime(change.at, timeZone)}
              </Text>{" "}
              <strong>{change.who}</strong> {change.what}
            </Text>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

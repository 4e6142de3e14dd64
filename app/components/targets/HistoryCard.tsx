import { BlockStack, Card, Text } from "@shopify/polaris";
import { formatDateTime } from "~/lib/dates";
import { useLocale } from "~/i18n/react";

/** Every change to goals, targets and roles (or, given its words, to the costs): who, when, from what to what. */
export function HistoryCard({
  history,
  timeZone,
  words,
}: {
  history: { id: number; at: string; who: string; what: string }[];
  timeZone: string;
  words?: { title: string; none: string };
}) {
  const { t, locale } = useLocale();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {words?.title ?? t("targets.history.title")}
        </Text>
        {history.length === 0 ? (
          <Text as="p" tone="subdued">
            {words?.none ?? t("targets.history.none")}
          </Text>
        ) : null}
        <BlockStack gap="100">
          {history.map((change) => (
            <Text as="p" variant="bodySm" key={change.id}>
              <Text as="span" tone="subdued">
                {formatDateTime(change.at, timeZone, locale)}
              </Text>{" "}
              <strong>{change.who}</strong> {change.what}
            </Text>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

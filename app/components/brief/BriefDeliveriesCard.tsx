import { BlockStack, Card, Text } from "@shopify/polaris";
import { RegionTable } from "~/components/RegionTable";
import { useLocale } from "~/i18n/react";

interface Delivery {
  week: string;
  recipient: string;
  to: string;
  status: string;
  when: string;
  error: string | null;
}

/** The briefs of the last weeks: to whom, how it went, when (and why it failed, for those who manage it). */
export function BriefDeliveriesCard({ deliveries, zone }: { deliveries: Delivery[]; zone: string }) {
  const { t } = useLocale();
  const title = t("brief.page.deliveries.title");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {deliveries.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("brief.page.deliveries.empty", { zone })}
          </Text>
        ) : (
          <RegionTable
            id="brief-deliveries"
            label={title}
            headings={[t("brief.page.deliveries.to"), t("brief.page.deliveries.week"), t("brief.page.deliveries.status"), t("brief.page.deliveries.when")]}
            numeric={[false, false, false, false]}
            rows={deliveries.map((delivery) => ({
              key: `${delivery.week}-${delivery.recipient}`,
              cells: [delivery.to, delivery.week, delivery.error ? `${delivery.status} (${delivery.error})` : delivery.status, delivery.when],
            }))}
          />
        )}
      </BlockStack>
    </Card>
  );
}

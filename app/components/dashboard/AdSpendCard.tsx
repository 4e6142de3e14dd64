import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { RegionTable } from "~/components/RegionTable";
import type { AdSpendView } from "~/home/dashboard.server";
import { useLocale } from "~/i18n/react";

/** The period's ad spend by where it came from, and the campaigns that spent the most beside what they brought. */
export function AdSpendCard({ adSpend }: { adSpend: AdSpendView }) {
  const { t } = useLocale();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("home.adSpend.title")}
        </Text>
        <BlockStack gap="100" id="ad-spend-by-source">
          {adSpend.bySource.map((source) => (
            <InlineStack key={source.source} gap="200" align="space-between">
              <Text as="span">{source.label}</Text>
              <Text as="span" fontWeight="semibold">
                {source.display}
              </Text>
            </InlineStack>
          ))}
        </BlockStack>
        {adSpend.campaigns.length > 0 ? (
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {t("home.adSpend.campaigns")}
            </Text>
            <RegionTable
              id="ad-spend-campaigns"
              label={t("home.adSpend.campaigns")}
              numeric={[false, false, true, true, true, false]}
              headings={[
                t("home.adSpend.campaign"),
                t("home.adSpend.platform"),
                t("home.adSpend.spend"),
                t("home.adSpend.orders"),
                t("home.adSpend.roas"),
                t("home.adSpend.promotion"),
              ]}
              rows={adSpend.campaigns.map((campaign, index) => ({
                key: `${campaign.platform}-${campaign.name}-${index}`,
                cells: [campaign.name, campaign.platform, campaign.spend, campaign.orders, campaign.roas, campaign.promotion ?? t("home.adSpend.notLogged")],
              }))}
            />
            {adSpend.moreCampaigns > 0 ? (
              <Text as="p" variant="bodySm" tone="subdued">
                {t("home.adSpend.more", { count: adSpend.moreCampaigns })}
              </Text>
            ) : null}
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}

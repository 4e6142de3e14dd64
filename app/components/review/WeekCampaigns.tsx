import { Link } from "@remix-run/react";
import { BlockStack, Banner, Text } from "@shopify/polaris";
import { RegionTable } from "~/components/RegionTable";
import type { WeekView } from "~/review/week-view";
import { useLocale } from "~/i18n/react";

/** The week's ad campaigns beside what they brought, and the spend no promotion explains. */
export function WeekCampaigns({ campaigns, unexplained }: { campaigns: WeekView["campaigns"]; unexplained: WeekView["unexplainedSpend"] }) {
  const { t } = useLocale();
  return (
    <BlockStack gap="300">
      <Text as="h2" variant="headingMd">
        {t("review.campaigns.title")}
      </Text>
      <Text as="p" tone="subdued">
        {t("review.campaigns.intro")}
      </Text>
      {unexplained.length > 0 ? (
        <Banner tone="warning">
          <BlockStack gap="100">
            {unexplained.map((sentence) => (
              <p key={sentence} className="unexplained-spend">
                {sentence}
              </p>
            ))}
          </BlockStack>
        </Banner>
      ) : null}
      <RegionTable
        id="week-campaigns"
        label={t("review.campaigns.title")}
        numeric={[false, false, true, true, true, true, false]}
        headings={[
          t("review.campaigns.campaign"),
          t("review.campaigns.platform"),
          t("review.campaigns.spend"),
          t("review.campaigns.orders"),
          t("review.campaigns.revenue"),
          t("review.campaigns.roas"),
          t("review.campaigns.promotion"),
        ]}
        rows={campaigns.map((campaign, index) => ({
          key: `${campaign.platform}-${campaign.name}-${index}`,
          cells: [
            campaign.name,
            campaign.platform,
            campaign.spend,
            campaign.orders,
            campaign.revenue,
            campaign.roas,
            campaign.promotion ??
              (campaign.trackHref ? (
                <Link to={campaign.trackHref} aria-label={t("review.campaigns.trackLabel", { campaign: campaign.name })}>
                  {t("review.campaigns.track")}
                </Link>
              ) : (
                t("review.campaigns.notLogged")
              )),
          ],
        }))}
      />
    </BlockStack>
  );
}

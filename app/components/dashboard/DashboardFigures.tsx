import { Banner, BlockStack, Card, InlineGrid, Layout, Text } from "@shopify/polaris";
import type { DashboardView } from "~/home/dashboard.server";
import { useLocale } from "~/i18n/react";
import { DriversCard } from "./DriversCard";
import { IndicatorCard } from "./IndicatorCard";
import { IndicatorTable } from "./IndicatorTable";
import { AdSpendCard } from "./AdSpendCard";
import { MarketingCard } from "./MarketingCard";
import { ProductTable } from "./ProductTable";
import { ProfitBridgeCard } from "./ProfitBridgeCard";
import { TrendChart } from "./TrendChart";

/**
 * The chosen period's figures, below the goal and its targets: the headline indicators with the
 * comparisons the store's history allows (why one is missing said once), marketing, what moved the
 * numbers and net profit, the trend, products and every indicator.
 */
export function DashboardFigures({ dashboard }: { dashboard: Extract<DashboardView, { state: "ready" }> }) {
  const { t } = useLocale();
  return (
    <>
      {dashboard.pending ? (
        <Layout.Section>
          <Banner tone="info" title={t("home.pendingTitle")}>
            <p id="pending-refunds">{dashboard.pending.message}</p>
          </Banner>
        </Layout.Section>
      ) : null}
      <Layout.Section>
        <BlockStack gap="200">
          <Text as="h2" variant="headingLg" id="period-label">
            {dashboard.periodLabel}
          </Text>
          {dashboard.historyNote ? (
            <Text as="p" variant="bodySm" tone="subdued" id="history-note">
              {dashboard.historyNote}
            </Text>
          ) : null}
          <InlineGrid columns={{ xs: 1, sm: 2, lg: 4 }} gap="400">
            {dashboard.headline.map((indicator) => (
              <IndicatorCard key={indicator.key} indicator={indicator} />
            ))}
          </InlineGrid>
        </BlockStack>
      </Layout.Section>
      {dashboard.marketing ? (
        <Layout.Section>
          <MarketingCard marketing={dashboard.marketing} previousLabel={dashboard.previousLabel} />
        </Layout.Section>
      ) : null}
      {dashboard.adSpend ? (
        <Layout.Section>
          <AdSpendCard adSpend={dashboard.adSpend} />
        </Layout.Section>
      ) : null}
      <Layout.Section>
        <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
          {dashboard.drivers.length > 0 ? (
            dashboard.drivers.map((driver) => <DriversCard key={driver.indicator} driver={driver} />)
          ) : (
            <Card>
              <Text as="p" tone="subdued">
                {t("home.noDrivers")}
              </Text>
            </Card>
          )}
        </InlineGrid>
      </Layout.Section>
      {dashboard.profitBridge ? (
        <Layout.Section>
          <ProfitBridgeCard bridge={dashboard.profitBridge} previousLabel={dashboard.previousLabel} periodLabel={dashboard.periodLabel} />
        </Layout.Section>
      ) : null}
      <Layout.Section>
        <TrendChart indicators={dashboard.all} trendBy={dashboard.trendBy} currency={dashboard.currency} />
      </Layout.Section>
      <Layout.Section>
        <ProductTable products={dashboard.products} currency={dashboard.currency} />
      </Layout.Section>
      <Layout.Section>
        <IndicatorTable
          indicators={dashboard.all}
          compared={dashboard.compared}
          previousLabel={dashboard.previousLabel}
          yearEarlierLabel={dashboard.yearEarlierLabel}
        />
      </Layout.Section>
    </>
  );
}

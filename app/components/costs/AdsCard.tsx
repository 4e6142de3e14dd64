import { Form, useFetcher, useSearchParams } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { RegionTable } from "~/components/RegionTable";
import { useEffect, useState } from "react";
import type { AdPlatformView, AdsView } from "~/ads/ads-view.server";
import { formatValue } from "~/indicators/format";
import { useLocale } from "~/i18n/react";
import { formatDate, formatDateTime } from "~/lib/dates";
import type { AdsConnectResult } from "~/routes/app.ads-connect";
import { CsvImportForm } from "./CsvImportForm";
import { RemoveButton } from "./RemoveButton";

/**
 * Advertising on the Costs page: Shopify's marketing reports (counted from day one), each ad
 * platform to connect directly with its accounts and state, and the rates an account in another
 * currency needs before its spend counts.
 */
export function AdsCard({ ads, timeZone, canEdit, errors }: { ads: AdsView; timeZone: string; canEdit: boolean; errors: Record<string, string> }) {
  const { t, locale } = useLocale();
  const [params] = useSearchParams();
  const connected = params.get("ads_connected");
  const refusedBy = params.get("ads_refused");
  const money = (amount: string, currency: string) => formatValue("money", amount as `${number}`, currency, locale);
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("costs.ads.title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("costs.ads.intro")}
        </Text>
        {connected ? (
          <Banner tone="success">
            <p>
              {t("costs.ads.messages.connected", { platform: t(`costs.ads.platforms.${connected}`, connected), count: Number(params.get("accounts") ?? 0) })}
            </p>
          </Banner>
        ) : null}
        {refusedBy ? (
          <Banner tone="critical">
            <p>{t("costs.ads.errors.connectFailed", { platform: t(`costs.ads.platforms.${refusedBy}`, refusedBy), reason: params.get("reason") ?? "" })}</p>
          </Banner>
        ) : null}
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            {t("costs.ads.shopifyTitle")}
          </Text>
          {ads.shopifyReports.readThrough === null ? (
            <Text as="p">{t("costs.ads.shopifyNotRead")}</Text>
          ) : ads.shopifyReports.channels.length === 0 ? (
            <Text as="p">{t("costs.ads.shopifyNone")}</Text>
          ) : (
            <ul>
              {ads.shopifyReports.channels.map((channel) => (
                <li key={channel.client}>
                  {t(channel.counted ? "costs.ads.shopifyChannel" : "costs.ads.shopifyReplaced", {
                    client: channel.client,
                    amount: money(channel.adSpend, ads.shopCurrency),
                    date: formatDate(ads.shopifyReports.readThrough!, locale),
                  })}
                </li>
              ))}
            </ul>
          )}
        </BlockStack>
        {ads.platforms.map((platform) => (
          <PlatformSection key={platform.platform} platform={platform} shopCurrency={ads.shopCurrency} timeZone={timeZone} canEdit={canEdit} errors={errors} />
        ))}
        {canEdit && ads.platforms.some((platform) => platform.connection?.state === "active") ? (
          <Form method="post">
            <input type="hidden" name="intent" value="refresh_ad_spend" />
            <Button submit>{t("costs.ads.refresh")}</Button>
          </Form>
        ) : null}
        <RatesSection ads={ads} canEdit={canEdit} errors={errors} />
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            {t("costs.ads.importTitle")}
          </Text>
          {ads.imported.days > 0 ? (
            <Text as="p">
              {t("costs.ads.imported", { days: ads.imported.days, amount: formatValue("money", ads.imported.total, ads.shopCurrency, locale) })}
            </Text>
          ) : null}
          {canEdit ? (
            <CsvImportForm
              id="ad-spend-import-form"
              intent="import_ad_spend"
              words={{
                intro: t("costs.ads.importIntro"),
                file: t("costs.ads.importFile"),
                field: t("costs.ads.importField"),
                button: t("costs.ads.importButton"),
              }}
              error={errors.spendCsv}
            />
          ) : null}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

function PlatformSection({
  platform,
  shopCurrency,
  timeZone,
  canEdit,
  errors,
}: {
  platform: AdPlatformView;
  shopCurrency: string;
  timeZone: string;
  canEdit: boolean;
  errors: Record<string, string>;
}) {
  const { t, locale } = useLocale();
  const name = t(`costs.ads.platforms.${platform.platform}`);
  const connection = platform.connection;
  const money = (amount: string, currency: string) => formatValue("money", amount as `${number}`, currency, locale);
  return (
    <BlockStack gap="200">
      <InlineStack gap="200" blockAlign="center" align="space-between">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {name}
          </Text>
          {connection ? (
            <Badge tone={connection.state === "reconnect" ? "critical" : connection.failingSince ? "warning" : "success"}>
              {connection.state === "reconnect" ? t("costs.ads.needsReconnect") : connection.failingSince ? t("costs.ads.away") : t("costs.ads.connected")}
            </Badge>
          ) : null}
        </InlineStack>
        {canEdit ? (
          <InlineStack gap="200">
            {!connection || connection.state === "reconnect" ? (
              <ConnectButton platform={platform.platform} name={name} reconnect={connection !== null} />
            ) : null}
            {connection ? (
              <RemoveButton intent="disconnect_ad_platform" fields={{ platform: platform.platform }} label={`${t("costs.ads.disconnect")} ${name}`}>
                {t("costs.ads.disconnect")}
              </RemoveButton>
            ) : null}
          </InlineStack>
        ) : null}
      </InlineStack>
      {errors.platform && !connection ? (
        <Text as="p" tone="critical">
          {errors.platform}
        </Text>
      ) : null}
      {!connection ? (
        <Text as="p" tone="subdued">
          {t("costs.ads.notConnected")}
        </Text>
      ) : (
        <BlockStack gap="100">
          <Text as="p">
            {t("costs.ads.connectedSince", { date: formatDateTime(connection.connectedAt, timeZone, locale) })}{" "}
            {connection.refreshedAt
              ? t("costs.ads.lastRefresh", { date: formatDateTime(connection.refreshedAt, timeZone, locale) })
              : t("costs.ads.backfilling")}
          </Text>
          {connection.state === "reconnect" ? (
            <Banner tone="critical">
              <p>{t("costs.ads.reconnectNeeded", { platform: name, reason: connection.lastError ?? "" })}</p>
            </Banner>
          ) : connection.failingSince ? (
            <Banner tone="warning">
              <p>
                {t("costs.ads.failing", {
                  platform: name,
                  date: formatDateTime(connection.failingSince, timeZone, locale),
                  reason: connection.lastError ?? "",
                })}
              </p>
            </Banner>
          ) : null}
          {platform.accounts.length > 0 ? (
            <RegionTable
              label={t("costs.ads.accountsCaption", { platform: name })}
              numeric={[false, false, false, true, false]}
              headings={[t("costs.ads.account"), t("costs.ads.currency"), t("costs.ads.readThrough"), t("costs.ads.spendToDate"), t("costs.ads.counted")]}
              rows={platform.accounts.map((account) => ({
                key: account.accountId,
                cells: [
                  `${account.name} (${account.accountId})`,
                  account.currency,
                  account.readThrough ? formatDate(account.readThrough, locale) : t("costs.ads.notYet"),
                  account.currency === shopCurrency || account.spendToDateInShopCurrency === null
                    ? money(account.spendToDate, account.currency)
                    : `${money(account.spendToDate, account.currency)} (${money(account.spendToDateInShopCurrency, shopCurrency)})`,
                  canEdit ? (
                    <Form method="post" key={account.accountId}>
                      <input type="hidden" name="intent" value="select_ad_account" />
                      <input type="hidden" name="platform" value={platform.platform} />
                      <input type="hidden" name="accountId" value={account.accountId} />
                      <input type="hidden" name="selected" value={account.selected ? "false" : "true"} />
                      <InlineStack gap="200" blockAlign="center">
                        <Text as="span">{account.selected ? t("costs.ads.yes") : t("costs.ads.no")}</Text>
                        <Button
                          submit
                          variant="plain"
                          accessibilityLabel={`${account.selected ? t("costs.ads.leaveOut") : t("costs.ads.countIt")}: ${account.name}`}
                        >
                          {account.selected ? t("costs.ads.leaveOut") : t("costs.ads.countIt")}
                        </Button>
                      </InlineStack>
                    </Form>
                  ) : account.selected ? (
                    t("costs.ads.yes")
                  ) : (
                    t("costs.ads.no")
                  ),
                ],
              }))}
            />
          ) : null}
        </BlockStack>
      )}
    </BlockStack>
  );
}

/** Asks the app for the platform's consent page, then leaves admin's frame for it (platforms refuse to be framed). */
function ConnectButton({ platform, name, reconnect }: { platform: string; name: string; reconnect: boolean }) {
  const { t } = useLocale();
  const fetcher = useFetcher<AdsConnectResult>();
  useEffect(() => {
    if (fetcher.data?.ok) window.open(fetcher.data.url, "_top");
  }, [fetcher.data]);
  const refusal = fetcher.data && !fetcher.data.ok ? fetcher.data.errors.platform : null;
  return (
    <BlockStack gap="100">
      <fetcher.Form method="post" action="/app/ads-connect">
        <input type="hidden" name="platform" value={platform} />
        <Button submit variant="primary" loading={fetcher.state !== "idle"}>
          {reconnect ? t("costs.ads.reconnect", { platform: name }) : t("costs.ads.connect", { platform: name })}
        </Button>
      </fetcher.Form>
      {refusal ? (
        <Text as="p" tone="critical">
          {refusal}
        </Text>
      ) : null}
    </BlockStack>
  );
}

function RatesSection({ ads, canEdit, errors }: { ads: AdsView; canEdit: boolean; errors: Record<string, string> }) {
  const { t } = useLocale();
  const first = ads.missingRates[0];
  const [currency, setCurrency] = useState(first?.currency ?? "");
  const [month, setMonth] = useState(first?.month ?? "");
  const [rate, setRate] = useState("");
  const foreign = ads.platforms.some((platform) => platform.accounts.some((account) => account.currency !== ads.shopCurrency));
  if (!foreign && ads.rates.length === 0) return null;
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {t("costs.ads.ratesTitle")}
      </Text>
      <Text as="p" tone="subdued">
        {t("costs.ads.ratesIntro", { currency: ads.shopCurrency })}
      </Text>
      {ads.missingRates.length > 0 ? (
        <Banner tone="warning">
          <ul>
            {ads.missingRates.slice(0, 12).map((missing) => (
              <li key={`${missing.currency}-${missing.month}`}>{t("costs.ads.missingRate", missing)}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      {ads.rates.length > 0 ? (
        <ul>
          {ads.rates.map((known) => (
            <li key={`${known.currency}-${known.month}`}>
              <InlineStack gap="200" blockAlign="center">
                <Text as="span">{t("costs.ads.rateWords", { ...known, shopCurrency: ads.shopCurrency })}</Text>
                {canEdit ? (
                  <RemoveButton
                    intent="remove_currency_rate"
                    fields={{ currency: known.currency, month: known.month }}
                    label={`${t("costs.ads.removeRate")}: ${t("costs.ads.rateWords", { ...known, shopCurrency: ads.shopCurrency })}`}
                  >
                    {t("costs.ads.removeRate")}
                  </RemoveButton>
                ) : null}
              </InlineStack>
            </li>
          ))}
        </ul>
      ) : null}
      {canEdit ? (
        <Form method="post" id="currency-rate-form">
          <input type="hidden" name="intent" value="set_currency_rate" />
          <FormLayout>
            <FormLayout.Group condensed>
              <TextField
                label={t("costs.ads.rateCurrency")}
                name="currency"
                value={currency}
                onChange={setCurrency}
                autoComplete="off"
                error={errors.currency}
              />
              <TextField label={t("costs.ads.rateMonth")} name="month" value={month} onChange={setMonth} autoComplete="off" error={errors.month} />
              <TextField
                label={t("costs.ads.rateValue", { currency: ads.shopCurrency })}
                name="rate"
                value={rate}
                onChange={setRate}
                autoComplete="off"
                inputMode="decimal"
                error={errors.rate}
              />
            </FormLayout.Group>
            <Button submit>{t("costs.ads.saveRate")}</Button>
          </FormLayout>
        </Form>
      ) : null}
    </BlockStack>
  );
}

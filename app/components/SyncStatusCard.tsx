import { useEffect } from "react";
import { Form, useNavigation, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import type { SyncStatusView } from "~/sync/sync-status.server";
import { stepWords } from "~/sync/sync-steps";
import { useLocale } from "~/i18n/react";
import { numberFormat } from "~/lib/intl";

/** Whether the copy of the store is current, what is running and how far it got, and any problem. */
export function SyncStatusCard({ status, lastSuccess }: { status: SyncStatusView; lastSuccess: string | null }) {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const running = status.state === "running";
  const l10n = useLocale();
  const { t } = l10n;
  const count = numberFormat(l10n.locale);

  // While a sync runs, the page refreshes its figures every two seconds.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  const syncButton = (
    <Form method="post">
      <input type="hidden" name="intent" value="sync" />
      <Button submit loading={navigation.state === "submitting"} disabled={running}>
        {t("sync.syncNow")}
      </Button>
    </Form>
  );

  // A reconciliation of a synced store is routine: the store stays "synced" while it runs.
  const routineCheck = status.state === "running" && status.running?.kind === "reconcile" && lastSuccess !== null;
  const failedWork = status.failedWork ? <p id="failed-work">{status.failedWork}</p> : null;

  if (status.running && !routineCheck && (status.state === "running" || status.state === "interrupted")) {
    const run = status.running;
    const orders =
      run.ordersExpected !== null
        ? t("sync.ordersOf", { done: count.format(run.ordersDone), total: count.format(run.ordersExpected) })
        : t("sync.orders", { count: run.ordersDone });
    return (
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd" id="sync-state">
              {status.state === "running" ? (run.kind === "backfill" ? t("sync.copying") : t("sync.checking")) : t("sync.interrupted")}
            </Text>
            {status.state === "interrupted" ? syncButton : null}
          </InlineStack>
          <Text as="p" id="sync-progress">
            {run.step ? stepWords(run.step, l10n) : t("sync.counts", { products: count.format(run.productsDone), orders })}
          </Text>
          {run.step?.percent != null ? (
            <ProgressBar progress={run.step.percent} size="small" tone="primary" animated={false} ariaLabelledBy="sync-progress" />
          ) : null}
          {run.step?.key === "refunds" ? (
            <Text as="p" tone="subdued">
              {t("sync.refundsMeanwhile")}
            </Text>
          ) : null}
          {status.problem ? (
            <Text as="p" tone="caution">
              {status.problem}
            </Text>
          ) : null}
          {failedWork}
        </BlockStack>
      </Card>
    );
  }

  if (status.state === "failed") {
    return (
      <Banner tone="critical" title={t("sync.failedTitle")}>
        <BlockStack gap="200">
          <p id="sync-problem">{status.problem}</p>
          {lastSuccess ? <p>{t("sync.fromLastSync", { when: lastSuccess })}</p> : null}
          {failedWork}
          {syncButton}
        </BlockStack>
      </Banner>
    );
  }

  // Work that failed for good is said even when the copy is otherwise current.
  if (status.failedWork && (status.state === "synced" || status.state === "never" || routineCheck)) {
    return (
      <Banner tone="warning" title={status.state === "synced" ? t("sync.syncedWithFailuresTitle") : t("sync.failuresTitle")}>
        <BlockStack gap="200">
          {lastSuccess ? <p id="last-sync">{t("sync.lastSynced", { when: lastSuccess })}</p> : null}
          {failedWork}
          {syncButton}
        </BlockStack>
      </Banner>
    );
  }

  if (status.state === "synced" || routineCheck) {
    return (
      <Banner tone="success" title={t("sync.syncedTitle")}>
        <BlockStack gap="100">
          <p id="last-sync">{t("sync.syncedDetail", { when: lastSuccess })}</p>
          {routineCheck ? <p id="sync-progress">{t("sync.checkingNow")}</p> : null}
          {status.warning ? <p>{status.warning}</p> : null}
        </BlockStack>
      </Banner>
    );
  }

  return (
    <Banner tone="info" title={t("sync.neverTitle")}>
      <p>{t("sync.neverDetail")}</p>
    </Banner>
  );
}

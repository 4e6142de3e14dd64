import { useEffect } from "react";
import { Form, useNavigation, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import type { SyncStatusView } from "~/sync/status.server";
import { stepWords } from "~/sync/sync-steps";

const count = new Intl.NumberFormat("en");

/** Whether the copy of the store is current, what is running and how far it got, and any problem. */
export function SyncStatusCard({ status, lastSuccess }: { status: SyncStatusView; lastSuccess: string | null }) {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const running = status.state === "running";

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
        Sync now
      </Button>
    </Form>
  );

  // A reconciliation of a synced store is routine: the store stays "synced" while it runs.
  const routineCheck = status.state === "running" && status.running?.kind === "reconcile" && lastSuccess !== null;
  const failedWork = status.failedWork ? <p id="failed-work">{status.failedWork}</p> : null;

  if (status.running && !routineCheck && (status.state === "running" || status.state === "interrupted")) {
    const run = status.running;
    const orders = run.ordersExpected !== null ? `${count.format(run.ordersDone)} of ${count.format(run.ordersExpected)} orders` : `${count.format(run.ordersDone)} orders`;
    return (
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd" id="sync-state">
              {status.state === "running" ? (run.kind === "backfill" ? "Copying your store" : "Checking for changes") : "Import interrupted"}
            </Text>
            {status.state === "interrupted" ? syncButton : null}
          </InlineStack>
          <Text as="p" id="sync-progress">
            {run.step ? stepWords(run.step) : `${count.format(run.productsDone)} products, ${orders} stored`}
          </Text>
          {run.step?.percent != null ? <ProgressBar progress={run.step.percent} size="small" tone="primary" animated={false} ariaLabelledBy="sync-progress" /> : null}
          {run.step?.key === "refunds" ? (
            <Text as="p" tone="subdued">
              Your figures are shown meanwhile: the recent weeks become exact first, and a period still waiting for its refunds says so.
            </Text>
          ) : null}
          {status.problem ? <Text as="p" tone="caution">{status.problem}</Text> : null}
          {failedWork}
        </BlockStack>
      </Card>
    );
  }

  if (status.state === "failed") {
    return (
      <Banner tone="critical" title="The last sync did not finish">
        <BlockStack gap="200">
          <p id="sync-problem">{status.problem}</p>
          {lastSuccess ? <p>Figures are from the last complete sync, {lastSuccess}.</p> : null}
          {failedWork}
          {syncButton}
        </BlockStack>
      </Banner>
    );
  }

  // Work that failed for good is said even when the copy is otherwise current.
  if (status.failedWork && (status.state === "synced" || status.state === "never" || routineCheck)) {
    return (
      <Banner tone="warning" title={status.state === "synced" ? "Store data is synced, but some work failed" : "Some background work failed"}>
        <BlockStack gap="200">
          {lastSuccess ? <p id="last-sync">Last synced {lastSuccess}.</p> : null}
          {failedWork}
          {syncButton}
        </BlockStack>
      </Banner>
    );
  }

  if (status.state === "synced" || routineCheck) {
    return (
      <Banner tone="success" title="Store data is synced">
        <BlockStack gap="100">
          <p id="last-sync">Last synced {lastSuccess}. New orders and changes arrive within a minute.</p>
          {routineCheck ? <p id="sync-progress">Checking for changes now…</p> : null}
          {status.warning ? <p>{status.warning}</p> : null}
        </BlockStack>
      </Banner>
    );
  }

  return (
    <Banner tone="info" title="Not synced yet">
      <p>Throughline copies your orders and products right after install; the numbers appear here as they arrive.</p>
    </Banner>
  );
}

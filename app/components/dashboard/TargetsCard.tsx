import { Link } from "@remix-run/react";
import { Badge, BlockStack, Card, Divider, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import type { TargetsView } from "~/home/dashboard.server";
import { GoalFlags } from "~/components/targets/GoalOutcome";
import { useLocale } from "~/i18n/react";
import type { TargetCard } from "~/strategy/target-card.server";

function TargetLine({ target }: { target: TargetCard }) {
  return (
    <BlockStack gap="100">
      <InlineStack gap="200" blockAlign="center">
        <Text as="span" fontWeight="semibold">
          {target.title}
        </Text>
        <Badge tone={target.statusTone}>{target.statusLabel}</Badge>
        <Text as="span" tone="subdued" variant="bodySm">
          {target.period}
        </Text>
      </InlineStack>
      <ProgressBar
        progress={target.progress}
        size="small"
        tone={target.statusTone === "critical" ? "critical" : target.statusTone === "success" ? "success" : "highlight"}
      />
      <Text as="p" variant="bodySm" tone="subdued">
        {target.figures}
      </Text>
    </BlockStack>
  );
}

/**
 * What the home page opens on: each goal with its targets running today, a line saying where they
 * stand and those on track that work against the goal, then targets outside any goal; the Targets
 * page has the rest.
 */
export function TargetsCard({ targets }: { targets: TargetsView }) {
  const { t } = useLocale();
  const empty = targets.goals.length === 0 && targets.others.length === 0;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingLg" id="home-targets">
            {t("home.targets.title")}
          </Text>
          <Link to="/app/targets">{t("home.targets.all")}</Link>
        </InlineStack>
        {empty ? (
          <Text as="p" tone="subdued">
            {t("home.targets.none")}
          </Text>
        ) : null}
        {targets.goals.map((goal, index) => (
          <BlockStack gap="300" key={goal.id}>
            {index > 0 ? <Divider /> : null}
            <BlockStack gap="100">
              <Text as="h3" variant="headingMd" id={`home-goal-${goal.id}`}>
                {goal.name}
              </Text>
              <Text as="p" tone="subdued" variant="bodySm">
                {[goal.period, goal.why].filter(Boolean).join(" · ")}
              </Text>
              <Text as="p" fontWeight="medium">
                {goal.summary}
              </Text>
            </BlockStack>
            <GoalFlags flags={goal.flags} id={`home-goal-${goal.id}-flags`} />
            {goal.targets.map((target) => (
              <TargetLine target={target} key={target.id} />
            ))}
          </BlockStack>
        ))}
        {targets.others.length > 0 ? (
          <BlockStack gap="300">
            {targets.goals.length > 0 ? <Divider /> : null}
            {targets.goals.length > 0 ? (
              <Text as="h3" variant="headingMd">
                {t("home.targets.outsideGoals")}
              </Text>
            ) : null}
            {targets.others.map((target) => (
              <TargetLine target={target} key={target.id} />
            ))}
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}

import { BlockStack, DataTable, Text } from "@shopify/polaris";
import { ScrollableTable } from "~/components/a11y";
import { useLocale } from "~/i18n/react";
import type { WeekView } from "~/review/week-view";
import { TargetTrend } from "./TargetTrend";

/** Every target of the week: its status as of the week's last counted day, its pacing, who acts on it, and its trend. */
export function WeekTargets({ targets }: { targets: WeekView["targets"] }) {
  const { t } = useLocale();
  return (
    <ScrollableTable label={t("review.targets")}>
      <DataTable
        columnContentTypes={["text", "text", "text", "text", "text", "text"]}
        headings={(["target", "period", "status", "pacing", "acting", "trend"] as const).map((key) => t(`review.targetHeadings.${key}`))}
        rows={targets.map((target) => [
          target.title,
          target.period,
          target.statusLabel,
          target.figures,
          <BlockStack key={`acting-${target.id}`} gap="100">
            {target.acting.length === 0 ? (
              <Text as="span" tone="subdued">
                {t("review.acting.nobody")}
              </Text>
            ) : (
              target.acting.map((words) => (
                <Text as="span" key={words}>
                  {words}
                </Text>
              ))
            )}
            {target.moreActing > 0 ? (
              <Text as="span" tone="subdued">
                {t("review.acting.more", { count: target.moreActing })}
              </Text>
            ) : null}
          </BlockStack>,
          <TargetTrend key={target.id} title={target.title} trend={target.trend} />,
        ])}
      />
    </ScrollableTable>
  );
}

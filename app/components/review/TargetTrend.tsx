import { SparkLineChart } from "@shopify/polaris-viz";
import { ClientOnly } from "~/components/dashboard/ClientOnly";
import { useLocale } from "~/i18n/react";
import { ChartPicture } from "~/components/a11y";

/** A target's value day by day against the line it was expected to follow (dashed). */
export function TargetTrend({ title, trend }: { title: string; trend: { day: string; actual: number | null; expected: number }[] | undefined }) {
  const { t } = useLocale();
  if (!trend || trend.length < 2) return null;
  return (
    // The pacing column beside it says the same in words.
    <ChartPicture className="target-trend" style={{ width: 140, height: 36 }}>
      <ClientOnly>
        {() => (
          <SparkLineChart
            accessibilityLabel={t("review.trendOf", { title })}
            isAnimated={false}
            data={[
              { name: t("targets.target.actual"), data: trend.map((point) => ({ key: point.day, value: point.actual })) },
              { name: t("targets.target.targetLine"), isComparison: true, data: trend.map((point) => ({ key: point.day, value: point.expected })) },
            ]}
          />
        )}
      </ClientOnly>
    </ChartPicture>
  );
}

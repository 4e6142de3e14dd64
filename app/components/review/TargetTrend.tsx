import { SparkLineChart } from "@shopify/polaris-viz";
import { ClientOnly } from "~/components/dashboard/ClientOnly";

/** A target's value day by day against the line it was expected to follow (dashed). */
export function TargetTrend({ title, trend }: { title: string; trend: { day: string; actual: number | null; expected: number }[] | undefined }) {
  if (!trend || trend.length < 2) return null;
  return (
    <div className="target-trend" style={{ width: 140, height: 36 }}>
      <ClientOnly>
        {() => (
          <SparkLineChart
            accessibilityLabel={`${title}: the value day by day against the expected line`}
            isAnimated={false}
            data={[
              { name: "Actual", data: trend.map((point) => ({ key: point.day, value: point.actual })) },
              { name: "Expected", isComparison: true, data: trend.map((point) => ({ key: point.day, value: point.expected })) },
            ]}
          />
        )}
      </ClientOnly>
    </div>
  );
}

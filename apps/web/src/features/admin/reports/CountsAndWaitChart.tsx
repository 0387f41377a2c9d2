import { useTranslation } from "react-i18next";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { COLORS } from "./ChartCard.tsx";
import { NS } from "./texts.ts";

export type CountSeries = "arrivals" | "served" | "noShow";

/**
 * Counts as bars on the left axis and the average wait in minutes as a line on the right: the
 * daily trend and the hours of the day share this shape. `stacked` piles the bars up.
 */
export function CountsAndWaitChart(props: {
  rows: ({ x: string; wait: number | null } & Partial<Record<CountSeries, number>>)[];
  bars: CountSeries[];
  stacked?: boolean;
  height: number;
}) {
  const { t } = useTranslation(NS);
  const names: Record<CountSeries, string> = {
    arrivals: t("charts.arrivals"),
    served: t("charts.served"),
    noShow: t("charts.noShow"),
  };
  return (
    <ResponsiveContainer width="100%" height={props.height}>
      <ComposedChart data={props.rows} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
        <CartesianGrid stroke={COLORS.grid} vertical={false} />
        <XAxis dataKey="x" tick={{ fontSize: 12 }} minTickGap={12} />
        <YAxis yAxisId="count" allowDecimals={false} tick={{ fontSize: 12 }} />
        <YAxis yAxisId="wait" orientation="right" tick={{ fontSize: 12 }} />
        <Tooltip />
        <Legend />
        {props.bars.map((series) => (
          <Bar
            key={series}
            yAxisId="count"
            dataKey={series}
            stackId={props.stacked ? "counts" : undefined}
            name={names[series]}
            fill={COLORS[series]}
            isAnimationActive={false}
          />
        ))}
        <Line
          yAxisId="wait"
          dataKey="wait"
          name={t("charts.avgWait")}
          stroke={COLORS.wait}
          strokeWidth={2}
          dot={props.rows.length <= 31}
          connectNulls
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

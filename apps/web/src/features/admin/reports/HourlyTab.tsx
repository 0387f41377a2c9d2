import { hourlyReportSchema } from "@dq/shared";
import { SegmentedControl, Table } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ChartCard, ReportError } from "./ChartCard.tsx";
import { CountsAndWaitChart } from "./CountsAndWaitChart.tsx";
import { formatDuration, formatNumber, toMinutes } from "./format.ts";
import { daysOf, weekdayOf } from "./period.ts";
import classes from "./reports.module.css";
import { NS } from "./texts.ts";
import { useReport } from "./useReport.ts";
import type { ReportFilters } from "./useReportFilters.ts";

/** When clients come and how long they wait: by hour of the day, and by weekday × hour. */
export function HourlyTab({ filters, query }: { filters: ReportFilters; query: string }) {
  const { t } = useTranslation(NS);
  const report = useReport("hourly", hourlyReportSchema, query);
  if (report.error) return <ReportError error={report.error} />;
  const r = report.data;
  if (!r) return null;
  const busy = r.hours.filter((h) => h.arrivals > 0 || h.served > 0);
  // The office's working hours, not the whole night.
  const first = busy.length ? Math.min(...busy.map((h) => h.hour)) : 8;
  const last = busy.length ? Math.max(...busy.map((h) => h.hour)) : 19;
  const hours = r.hours.filter((h) => h.hour >= first && h.hour <= last);
  const rows = hours.map((h) => ({
    x: `${h.hour}:00`,
    arrivals: h.arrivals,
    served: h.served,
    wait: toMinutes(h.avgWaitSeconds),
  }));
  return (
    <>
      <ChartCard title={t("charts.hourly")} empty={busy.length === 0} testId="chart-hourly">
        <CountsAndWaitChart rows={rows} bars={["arrivals", "served"]} height={320} />
      </ChartCard>
      <Heatmap filters={filters} cells={r.weekdayHour} first={first} last={last} />
    </>
  );
}

function Heatmap(props: {
  filters: ReportFilters;
  cells: { weekday: number; hour: number; arrivals: number; avgWaitSeconds: number | null }[];
  first: number;
  last: number;
}) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const [metric, setMetric] = useState<"arrivals" | "wait">("arrivals");
  const weekdays = t("weekdays", { returnObjects: true }) as string[];
  // How many Mondays, Tuesdays… the period has: a cell shows an average day, not a sum.
  const dayCount = Array(8).fill(0) as number[];
  for (const day of daysOf(props.filters.from, props.filters.to, 4000)) dayCount[weekdayOf(day)]!++;
  const cell = new Map(props.cells.map((c) => [`${c.weekday}:${c.hour}`, c]));
  const value = (c: (typeof props.cells)[number] | undefined) =>
    !c
      ? null
      : metric === "arrivals"
        ? c.arrivals / Math.max(1, dayCount[c.weekday]!)
        : toMinutes(c.avgWaitSeconds);
  const hours: number[] = [];
  for (let h = props.first; h <= props.last; h++) hours.push(h);
  const values = props.cells.map((c) => value(c) ?? 0);
  const top = Math.max(1e-9, ...values);
  return (
    <ChartCard
      title={t("charts.heatmap")}
      empty={props.cells.length === 0}
      testId="chart-heatmap"
      caption={metric === "arrivals" ? t("charts.heatmapArrivals") : t("charts.heatmapWait")}
    >
      <SegmentedControl
        size="xs"
        mb="sm"
        value={metric}
        onChange={(v) => setMetric(v as typeof metric)}
        data={[
          { value: "arrivals", label: t("charts.arrivals") },
          { value: "wait", label: t("charts.avgWait") },
        ]}
      />
      <Table.ScrollContainer minWidth={hours.length * 44 + 48}>
        <table className={classes.heatmap}>
          <thead>
            <tr>
              <th />
              {hours.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weekdays.map((name, i) => {
              const weekday = i + 1;
              return (
                <tr key={weekday}>
                  <th>{name}</th>
                  {hours.map((h) => {
                    const c = cell.get(`${weekday}:${h}`);
                    const v = value(c);
                    const share = v === null ? 0 : v / top;
                    return (
                      <td
                        key={h}
                        style={{ "--share": `${Math.round(share * 100)}%` } as React.CSSProperties}
                        data-strong={share > 0.55 || undefined}
                        title={
                          c
                            ? t("charts.heatmapCell", {
                                weekday: name,
                                hour: h,
                                arrivals: formatNumber(lang, c.arrivals / Math.max(1, dayCount[weekday]!), 1),
                                wait: formatDuration(t, lang, c.avgWaitSeconds),
                              })
                            : undefined
                        }
                      >
                        {v === null || v === 0 ? "" : formatNumber(lang, v, v < 10 ? 1 : 0)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </Table.ScrollContainer>
    </ChartCard>
  );
}

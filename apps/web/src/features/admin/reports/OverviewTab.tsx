import { dailyReportSchema, type Kpi, type SummaryReport, summaryReportSchema } from "@dq/shared";
import { Card, Grid, Tooltip as MantineTooltip, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { intlLocale } from "../../../app/day-format.ts";
import { localName } from "../../operator/format.ts";
import { AppointmentCards } from "./AppointmentCards.tsx";
import { ChartCard, COLORS, ReportError } from "./ChartCard.tsx";
import { CountsAndWaitChart } from "./CountsAndWaitChart.tsx";
import { formatDuration, formatNumber, formatPercent, toMinutes } from "./format.ts";
import { daysOf } from "./period.ts";
import { ReportTable } from "./ReportTable.tsx";
import { NS } from "./texts.ts";
import { useReport } from "./useReport.ts";
import type { ReportDirectories } from "./useReportDirectories.ts";
import type { ReportFilters } from "./useReportFilters.ts";

/** The period at a glance: KPI cards, the daily trend, ratings and the figures per service. */
export function OverviewTab({
  filters,
  query,
  directories,
}: {
  filters: ReportFilters;
  query: string;
  directories: ReportDirectories;
}) {
  const summary = useReport("summary", summaryReportSchema, query);
  const daily = useReport("daily", dailyReportSchema, query);
  if (summary.error) return <ReportError error={summary.error} />;
  const s = summary.data;
  if (!s) return null;
  return (
    <>
      <KpiCards kpi={s} />
      <Appointments report={s} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <DailyChart filters={filters} days={daily.data?.days ?? []} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <RatingsChart kpi={s} />
        </Grid.Col>
      </Grid>
      <ByService report={s} directories={directories} />
    </>
  );
}

/** The period's appointments, when there were any (an office that takes none is not shown zeros). */
function Appointments({ report }: { report: SummaryReport }) {
  const { t } = useTranslation(NS);
  const a = report.appointments;
  if (a.booked + a.cancelled === 0) return null;
  return (
    <Stack gap="xs" data-testid="report-appointments">
      <Title order={4}>{t("appointments.overviewTitle", { target: report.appointmentTargetMinutes })}</Title>
      <AppointmentCards figures={a} targetMinutes={report.appointmentTargetMinutes} />
    </Stack>
  );
}

function KpiCards({ kpi }: { kpi: Kpi }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const d = (seconds: number | null) => formatDuration(t, lang, seconds);
  const level = kpi.serviceLevel;
  const cards: {
    key: string;
    value: string;
    detail?: string | undefined;
    detailHint?: string;
    color?: string | undefined;
  }[] = [
    { key: "issued", value: formatNumber(lang, kpi.issued) },
    {
      key: "served",
      value: formatNumber(lang, kpi.served),
      detail: kpi.open ? `${t("kpi.open")}: ${formatNumber(lang, kpi.open)}` : undefined,
      // What "not finished" counts is not obvious from two words: it says so on hover and focus.
      detailHint: t("kpi.openHint"),
    },
    {
      key: "noShow",
      value: formatNumber(lang, kpi.noShow),
      detail:
        kpi.noShowRate === null
          ? undefined
          : t("kpi.noShowRate", { rate: formatPercent(lang, kpi.noShowRate) }),
    },
    { key: "cancelled", value: formatNumber(lang, kpi.cancelled) },
    {
      key: "wait",
      value: d(kpi.waitSeconds.avg),
      detail: t("kpi.waitDetail", {
        median: d(kpi.waitSeconds.median),
        p90: d(kpi.waitSeconds.p90),
        max: d(kpi.waitSeconds.max),
      }),
    },
    {
      key: "service",
      value: d(kpi.serviceSeconds.avg),
      detail: t("kpi.serviceDetail", {
        median: d(kpi.serviceSeconds.median),
        p90: d(kpi.serviceSeconds.p90),
      }),
    },
    {
      key: "serviceLevel",
      value: formatPercent(lang, level),
      detail: t("kpi.serviceLevelDetail"),
      color: level === null ? undefined : level >= 0.9 ? "green" : level >= 0.75 ? "orange" : "red",
    },
    {
      key: "rating",
      value: kpi.ratings.avg === null ? t("kpi.none") : `${formatNumber(lang, kpi.ratings.avg, 2)} ★`,
      detail: t("kpi.ratingDetail", { count: kpi.ratings.count }),
    },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="report-kpis">
      {cards.map((c) => (
        <Card key={c.key} withBorder padding="sm" data-testid={`kpi-${c.key}`}>
          <Text size="sm" c="dimmed">
            {t(`kpi.${c.key}`)}
          </Text>
          <Text fz={28} fw={700} c={c.color} lh={1.2} data-testid="kpi-value">
            {c.value}
          </Text>
          {c.detail && !c.detailHint && (
            <Text size="xs" c="dimmed">
              {c.detail}
            </Text>
          )}
          {c.detail && c.detailHint && <HintedDetail text={c.detail} hint={c.detailHint} />}
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** A card's detail line with its explanation in a tooltip (hover or keyboard focus). */
function HintedDetail({ text, hint }: { text: string; hint: string }) {
  return (
    <MantineTooltip
      label={hint}
      multiline
      w={320}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
    >
      <Text
        size="xs"
        c="dimmed"
        tabIndex={0}
        aria-label={`${text}. ${hint}`}
        data-testid="kpi-open"
        style={{ cursor: "help", textDecoration: "underline dotted" }}
      >
        {text}
      </Text>
    </MantineTooltip>
  );
}

function DailyChart({
  filters,
  days,
}: {
  filters: ReportFilters;
  days: { day: string; served: number; noShow: number; avgWaitSeconds: number | null }[];
}) {
  const { t, i18n } = useTranslation(NS);
  const byDay = new Map(days.map((d) => [d.day, d]));
  const label = new Intl.DateTimeFormat(intlLocale(i18n.language), {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  const rows = daysOf(filters.from, filters.to).map((day) => {
    const d = byDay.get(day);
    return {
      x: label.format(new Date(`${day}T00:00:00Z`)),
      served: d?.served ?? 0,
      noShow: d?.noShow ?? 0,
      wait: toMinutes(d?.avgWaitSeconds),
    };
  });
  return (
    <ChartCard title={t("charts.daily")} empty={days.length === 0} testId="chart-daily">
      <CountsAndWaitChart rows={rows} bars={["served", "noShow"]} stacked height={300} />
    </ChartCard>
  );
}

function RatingsChart({ kpi }: { kpi: Kpi }) {
  const { t } = useTranslation(NS);
  const rows = ([5, 4, 3, 2, 1] as const).map((score) => ({
    score: t("charts.stars", { count: score }),
    count: kpi.ratings.distribution[score],
  }));
  return (
    <ChartCard title={t("charts.ratings")} empty={kpi.ratings.count === 0} testId="chart-ratings">
      <ResponsiveContainer width="100%" height={300}>
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={COLORS.grid} horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="score" width={48} tick={{ fontSize: 13 }} />
          <Tooltip />
          <Bar
            dataKey="count"
            name={t("charts.ratingCount")}
            fill={COLORS.rating}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** The figure columns of the by-service table, in order. */
const BY_SERVICE_FIGURES = [
  "kpi.issued",
  "kpi.served",
  "kpi.noShow",
  "kpi.wait",
  "kpi.service",
  "byService.target",
  "kpi.serviceLevel",
  "kpi.rating",
] as const;

function ByService({ report, directories }: { report: SummaryReport; directories: ReportDirectories }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const name = (id: string, fallback: string) => {
    const s = directories.services.find((x) => x.id === id);
    return s ? localName(s, lang) : fallback;
  };
  const d = (seconds: number | null) => formatDuration(t, lang, seconds);
  const columns = [
    { label: t("byService.service") },
    ...BY_SERVICE_FIGURES.map((key) => ({ label: t(key), numeric: true })),
  ];
  return (
    <ChartCard title={t("byService.title")} empty={report.byService.length === 0} testId="report-by-service">
      <ReportTable minWidth={820} columns={columns}>
        {report.byService.map((s) => (
          <Table.Tr key={s.serviceId} data-testid="report-service-row">
            <Table.Td>{name(s.serviceId, s.name)}</Table.Td>
            <Table.Td ta="right">{formatNumber(lang, s.issued)}</Table.Td>
            <Table.Td ta="right">{formatNumber(lang, s.served)}</Table.Td>
            <Table.Td ta="right">{formatNumber(lang, s.noShow)}</Table.Td>
            <Table.Td ta="right">{d(s.waitSeconds.avg)}</Table.Td>
            <Table.Td ta="right">{d(s.serviceSeconds.avg)}</Table.Td>
            <Table.Td ta="right">
              {s.targetWaitMinutes ? t("units.m", { m: s.targetWaitMinutes }) : t("kpi.none")}
            </Table.Td>
            <Table.Td ta="right" c={s.serviceLevel !== null && s.serviceLevel < 0.75 ? "red" : undefined}>
              {formatPercent(lang, s.serviceLevel)}
            </Table.Td>
            <Table.Td ta="right">
              {s.ratings.avg === null ? t("kpi.none") : formatNumber(lang, s.ratings.avg, 1)}
            </Table.Td>
          </Table.Tr>
        ))}
      </ReportTable>
    </ChartCard>
  );
}

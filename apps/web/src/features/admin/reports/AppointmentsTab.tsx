import { type AppointmentFigures, type AppointmentReport, appointmentReportSchema } from "@dq/shared";
import { Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { intlLocale } from "../../../app/day-format.ts";
import { localName } from "../../operator/format.ts";
import { AppointmentCards, punctualityColor } from "./AppointmentCards.tsx";
import { ChartCard, ReportError } from "./ChartCard.tsx";
import { formatMinutes, formatNumber, formatPercent } from "./format.ts";
import { ReportTable } from "./ReportTable.tsx";
import { NS } from "./texts.ts";
import { useReport } from "./useReport.ts";
import type { ReportDirectories } from "./useReportDirectories.ts";

/**
 * «Записи»: appointments by the day they were for and by service — how many came, were late or
 * did not come, and whether those who came on time were called within the office's target.
 */
export function AppointmentsTab({ query, directories }: { query: string; directories: ReportDirectories }) {
  const { t } = useTranslation(NS);
  // The appointments report takes the period and the service; the other filters do not apply.
  const report = useReport("appointments", appointmentReportSchema, query);
  if (report.error) return <ReportError error={report.error} />;
  const r = report.data;
  if (!r) return null;
  const params = new URLSearchParams(query);
  const unapplied = ["employeeId", "workstationId", "categoryId"].some((k) => params.has(k));
  return (
    <>
      <Text size="sm" c="dimmed" data-testid="appointments-caption">
        {t("appointments.caption", { target: r.targetMinutes })}
      </Text>
      {unapplied && (
        <Text size="sm" c="orange.8" data-testid="appointments-unapplied">
          {t("appointments.unapplied")}
        </Text>
      )}
      <AppointmentCards figures={r.total} targetMinutes={r.targetMinutes} full />
      <ByDay report={r} directories={directories} />
    </>
  );
}

/** The figure columns of the table, in order, with their hints. */
const FIGURES = [
  "booked",
  "checkedIn",
  "late",
  "noShows",
  "cancelled",
  "called",
  "withinTarget",
  "punctuality",
  "averageWait",
] as const;
const HINTED = new Set<string>(["booked", "checkedIn", "late", "noShows", "called", "punctuality"]);

function ByDay({ report, directories }: { report: AppointmentReport; directories: ReportDirectories }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const dayLabel = new Intl.DateTimeFormat(intlLocale(lang), {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  const name = (id: string, fallback: string) => {
    const s = directories.services.find((x) => x.id === id);
    return s ? localName(s, lang) : fallback;
  };
  // Within a day, services in the screen's language and its alphabetical order.
  const rows = report.items
    .map((x) => ({ ...x, shownName: name(x.serviceId, x.serviceName) }))
    .sort((a, b) => a.day.localeCompare(b.day) || a.shownName.localeCompare(b.shownName, lang));
  const target = report.targetMinutes;
  const columns = [
    { label: t("appointments.day") },
    { label: t("appointments.service") },
    ...FIGURES.map((key) => ({
      label: t(`appointments.${key}`),
      numeric: true,
      ...(HINTED.has(key) ? { hint: t(`appointments.${key}Hint`, { target }) } : {}),
    })),
  ];
  return (
    <ChartCard title={t("appointments.byDay")} empty={report.items.length === 0} testId="appointments-by-day">
      <ReportTable minWidth={1000} columns={columns}>
        {rows.map((x, i) => (
          <Table.Tr key={`${x.day}-${x.serviceId}`} data-testid="appointments-row">
            {/* A day's services one under another: the day is written on its first row only. */}
            <Table.Td style={{ whiteSpace: "nowrap" }}>
              {rows[i - 1]?.day === x.day ? "" : dayLabel.format(new Date(`${x.day}T00:00:00Z`))}
            </Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{x.shownName}</Table.Td>
            <FigureCells f={x} />
          </Table.Tr>
        ))}
        <Table.Tr data-testid="appointments-total" fw={700}>
          <Table.Td colSpan={2}>{t("appointments.total")}</Table.Td>
          <FigureCells f={report.total} />
        </Table.Tr>
      </ReportTable>
    </ChartCard>
  );
}

function FigureCells({ f }: { f: AppointmentFigures }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const n = (x: number) => formatNumber(lang, x);
  return (
    <>
      <Table.Td ta="right">{n(f.booked)}</Table.Td>
      <Table.Td ta="right">{n(f.checkedIn)}</Table.Td>
      <Table.Td ta="right">{n(f.late)}</Table.Td>
      <Table.Td ta="right">{n(f.noShows)}</Table.Td>
      <Table.Td ta="right">{n(f.cancelled)}</Table.Td>
      <Table.Td ta="right">{n(f.called)}</Table.Td>
      <Table.Td ta="right">{n(f.withinTarget)}</Table.Td>
      <Table.Td ta="right" c={punctualityColor(f.withinTargetShare)}>
        {formatPercent(lang, f.withinTargetShare)}
      </Table.Td>
      <Table.Td ta="right">{formatMinutes(t, lang, f.averageWaitMinutes)}</Table.Td>
    </>
  );
}

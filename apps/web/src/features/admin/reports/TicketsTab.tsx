import { Group, Pagination, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { intlLocale } from "../../../app/day-format.ts";
import { ChartCard, ReportError } from "./ChartCard.tsx";
import { formatNumber } from "./format.ts";
import { ReportTable } from "./ReportTable.tsx";
import { type TicketFormats, TicketRow } from "./TicketRow.tsx";
import { NS } from "./texts.ts";
import type { ReportDirectories } from "./useReportDirectories.ts";
import { useTicketHistory } from "./useTicketHistory.ts";

/** The columns of the tickets report, in order. */
const COLUMNS = [
  "day",
  "label",
  "service",
  "category",
  "enqueued",
  "called",
  "started",
  "finished",
  "wait",
  "promised",
  "serviceTime",
  "outcome",
  "operator",
  "workstation",
  "rating",
] as const;
/** The durations and the rating are figures, aligned right. */
const FIGURES: ReadonlySet<string> = new Set(["wait", "promised", "serviceTime", "rating"]);

/** Every ticket of the period, one row per service it waited for, with every time and its outcome. */
export function TicketsTab({ query, directories }: { query: string; directories: ReportDirectories }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const history = useTicketHistory(query);
  const time = new Intl.DateTimeFormat(intlLocale(lang), {
    timeZone: history.timeZone,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  // Days as the date fields write them: 26.11.2026 / 26 Nov 2026.
  const day = new Intl.DateTimeFormat(intlLocale(lang), {
    timeZone: "UTC",
    day: lang === "en" ? "numeric" : "2-digit",
    month: lang === "en" ? "short" : "2-digit",
    year: "numeric",
  });
  const formats: TicketFormats = {
    at: (iso) => (iso ? time.format(new Date(iso)) : ""),
    day: (businessDay) => day.format(new Date(`${businessDay}T00:00:00Z`)),
  };
  if (history.report.error) return <ReportError error={history.report.error} />;
  const data = history.report.data;
  const columns = COLUMNS.map((key) =>
    key === "promised"
      ? { label: t("estimates.promised"), hint: t("estimates.promisedHint"), numeric: true }
      : { label: t(`tickets.${key}`), numeric: FIGURES.has(key) },
  );
  return (
    <ChartCard title={t("tabs.tickets")} testId="report-tickets">
      <Group justify="space-between" mb="sm">
        <TextInput
          placeholder={t("tickets.search")}
          aria-label={t("tickets.search")}
          value={history.search}
          onChange={(e) => history.setSearch(e.currentTarget.value)}
          w={200}
          data-testid="report-ticket-search"
        />
        {data && (
          <Text size="sm" c="dimmed" data-testid="report-ticket-total">
            {t("tickets.total", { count: formatNumber(lang, data.total) })}
          </Text>
        )}
      </Group>
      <ReportTable minWidth={1380} columns={columns} fz="sm">
        {data?.items.map((r) => (
          <TicketRow key={`${r.ticketId}-${r.segment}`} row={r} directories={directories} formats={formats} />
        ))}
      </ReportTable>
      {history.pages > 1 && (
        <Pagination
          mt="md"
          total={history.pages}
          value={history.page}
          onChange={history.setPage}
          siblings={1}
        />
      )}
    </ChartCard>
  );
}

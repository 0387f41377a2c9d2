import { type HistoryRow, historyReportSchema } from "@dq/shared";
import { Badge, Group, Pagination, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useOffice } from "../../../app/office.ts";
import { localName } from "../../operator/format.ts";
import { ChartCard, ReportError } from "./ChartCard.tsx";
import { formatDuration, formatNumber } from "./format.ts";
import { NS } from "./texts.ts";
import { useReport } from "./useReport.ts";
import type { ReportDirectories } from "./useReportDirectories.ts";

const PAGE = 50;
const OUTCOME_COLOR: Record<string, string> = {
  served: "green",
  no_show: "orange",
  redirected: "blue",
  cancelled: "gray",
  open: "gray",
};

/** Every ticket of the period, one row per service it waited for, with every time and its outcome. */
export function TicketsTab({ query, directories }: { query: string; directories: ReportDirectories }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const timeZone = useOffice().data?.timezone;
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  // A new filter or search starts from the first page.
  const key = `${query}|${q}`;
  const [paging, setPaging] = useState({ key, page: 1 });
  const page = paging.key === key ? paging.page : 1;
  const params = new URLSearchParams(query);
  params.set("limit", String(PAGE));
  params.set("offset", String((page - 1) * PAGE));
  if (q) params.set("q", q);
  const report = useReport("tickets", historyReportSchema, params.toString(), !!timeZone);
  const time = new Intl.DateTimeFormat(lang, {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const day = new Intl.DateTimeFormat(lang, {
    timeZone: "UTC",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  });
  const at = (iso: string | null) => (iso ? time.format(new Date(iso)) : "");
  if (report.error) return <ReportError error={report.error} />;
  const data = report.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;
  // Names in the current language where the office gave one.
  const named = (
    list: { id: string; name: string; translations?: Partial<Record<string, string>> }[],
    id: string,
    fallback: string,
  ) => {
    const x = list.find((i) => i.id === id);
    return x ? localName(x, lang) : fallback;
  };
  const outcome = (r: HistoryRow) => {
    const o = r.outcome ?? "open";
    return (
      <Group gap={4} wrap="nowrap">
        <Badge color={OUTCOME_COLOR[o] ?? "gray"} variant="light">
          {t(`tickets.outcomes.${o}`)}
        </Badge>
        {r.closeReason === "day_closed" && (
          <Text span size="xs" c="dimmed">
            {t("tickets.outcomes.day_closed")}
          </Text>
        )}
      </Group>
    );
  };
  return (
    <ChartCard title={t("tabs.tickets")} testId="report-tickets">
      <Group justify="space-between" mb="sm">
        <TextInput
          placeholder={t("tickets.search")}
          aria-label={t("tickets.search")}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={200}
          data-testid="report-ticket-search"
        />
        {data && (
          <Text size="sm" c="dimmed" data-testid="report-ticket-total">
            {t("tickets.total", { count: formatNumber(lang, data.total) })}
          </Text>
        )}
      </Group>
      <Table.ScrollContainer minWidth={1280}>
        <Table striped highlightOnHover fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("tickets.day")}</Table.Th>
              <Table.Th>{t("tickets.label")}</Table.Th>
              <Table.Th>{t("tickets.service")}</Table.Th>
              <Table.Th>{t("tickets.category")}</Table.Th>
              <Table.Th>{t("tickets.enqueued")}</Table.Th>
              <Table.Th>{t("tickets.called")}</Table.Th>
              <Table.Th>{t("tickets.started")}</Table.Th>
              <Table.Th>{t("tickets.finished")}</Table.Th>
              <Table.Th ta="right">{t("tickets.wait")}</Table.Th>
              <Table.Th ta="right">{t("tickets.serviceTime")}</Table.Th>
              <Table.Th>{t("tickets.outcome")}</Table.Th>
              <Table.Th>{t("tickets.operator")}</Table.Th>
              <Table.Th>{t("tickets.workstation")}</Table.Th>
              <Table.Th ta="right">{t("tickets.rating")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((r) => (
              <Table.Tr key={`${r.ticketId}-${r.segment}`} data-testid="report-ticket-row">
                <Table.Td>{day.format(new Date(`${r.businessDay}T00:00:00Z`))}</Table.Td>
                <Table.Td fw={600}>
                  {r.label}
                  {r.segment > 1 && (
                    <Text span size="xs" c="dimmed">
                      {" "}
                      {t("tickets.segment", { n: r.segment })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{named(directories.services, r.serviceId, r.service)}</Table.Td>
                <Table.Td>
                  {r.categoryId ? named(directories.categories, r.categoryId, r.category ?? "") : ""}
                </Table.Td>
                <Table.Td>{at(r.enqueuedAt)}</Table.Td>
                <Table.Td>{at(r.firstCalledAt)}</Table.Td>
                <Table.Td>{at(r.startedAt)}</Table.Td>
                <Table.Td>{at(r.finishedAt)}</Table.Td>
                <Table.Td ta="right">
                  {r.waitSeconds === null ? "" : formatDuration(t, lang, r.waitSeconds)}
                </Table.Td>
                <Table.Td ta="right">
                  {r.serviceSeconds === null ? "" : formatDuration(t, lang, r.serviceSeconds)}
                </Table.Td>
                <Table.Td>{outcome(r)}</Table.Td>
                <Table.Td>{r.operator ?? ""}</Table.Td>
                <Table.Td>{r.workstation ?? ""}</Table.Td>
                <Table.Td ta="right" title={r.ratingComment ?? undefined}>
                  {r.ratingScore ? `${r.ratingScore} ★` : ""}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && (
        <Pagination
          mt="md"
          total={pages}
          value={page}
          onChange={(p) => setPaging({ key, page: p })}
          siblings={1}
        />
      )}
    </ChartCard>
  );
}

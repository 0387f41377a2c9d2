import type { HistoryRow } from "@dq/shared";
import { Badge, Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { localName } from "../../operator/format.ts";
import { formatDuration, formatMinutes } from "./format.ts";
import { NS } from "./texts.ts";
import type { ReportDirectories } from "./useReportDirectories.ts";

const OUTCOME_COLOR: Record<string, string> = {
  served: "green",
  no_show: "orange",
  redirected: "blue",
  cancelled: "gray",
  open: "gray",
};

/** How the tickets report writes a moment and a business day. */
export interface TicketFormats {
  at: (iso: string | null) => string;
  day: (businessDay: string) => string;
}

/** One ticket's wait for one service: its day, label, service, times, outcome, who served it. */
export function TicketRow({
  row: r,
  directories,
  formats,
}: {
  row: HistoryRow;
  directories: ReportDirectories;
  formats: TicketFormats;
}) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  // Names in the current language where the office gave one.
  const named = (
    list: { id: string; name: string; translations?: Partial<Record<string, string>> }[],
    id: string,
    fallback: string,
  ) => {
    const x = list.find((i) => i.id === id);
    return x ? localName(x, lang) : fallback;
  };
  const { at } = formats;
  return (
    <Table.Tr data-testid="report-ticket-row">
      <Table.Td>{formats.day(r.businessDay)}</Table.Td>
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
      <Table.Td>{r.categoryId ? named(directories.categories, r.categoryId, r.category ?? "") : ""}</Table.Td>
      <Table.Td>{at(r.enqueuedAt)}</Table.Td>
      <Table.Td>{at(r.firstCalledAt)}</Table.Td>
      <Table.Td>{at(r.startedAt)}</Table.Td>
      <Table.Td>{at(r.finishedAt)}</Table.Td>
      <Table.Td ta="right">{r.waitSeconds === null ? "" : formatDuration(t, lang, r.waitSeconds)}</Table.Td>
      <Promised row={r} />
      <Table.Td ta="right">
        {r.serviceSeconds === null ? "" : formatDuration(t, lang, r.serviceSeconds)}
      </Table.Td>
      <Table.Td>
        <Outcome row={r} />
      </Table.Td>
      <Table.Td>{r.operator ?? ""}</Table.Td>
      <Table.Td>{r.workstation ?? ""}</Table.Td>
      <Table.Td ta="right" title={r.ratingComment ?? undefined}>
        {r.ratingScore ? `${r.ratingScore} ★` : ""}
      </Table.Td>
    </Table.Tr>
  );
}

/** How the wait ended (or that it has not), and whether closing the day ended it. */
function Outcome({ row: r }: { row: HistoryRow }) {
  const { t } = useTranslation(NS);
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
}

/**
 * The range promised at issue (first segment only), orange when the wait went past it; the expected
 * minutes and the actual wait on hover.
 */
function Promised({ row: r }: { row: HistoryRow }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  if (r.quotedMinMinutes === null || r.quotedMaxMinutes === null) return <Table.Td />;
  const late = r.actualWaitMinutes !== null && r.actualWaitMinutes > r.quotedMaxMinutes;
  const title = t("estimates.promisedTitle", {
    expected: formatMinutes(t, lang, r.quotedExpectedMinutes),
    actual:
      r.actualWaitMinutes === null ? t("estimates.notCalled") : formatMinutes(t, lang, r.actualWaitMinutes),
  });
  return (
    <Table.Td ta="right" c={late ? "orange.8" : undefined} title={title} data-testid="report-ticket-promised">
      {t("units.range", { min: r.quotedMinMinutes, max: r.quotedMaxMinutes })}
    </Table.Td>
  );
}

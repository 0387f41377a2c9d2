import { operatorsReportSchema } from "@dq/shared";
import { Table, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { localName } from "../../operator/format.ts";
import { ChartCard, ReportError } from "./ChartCard.tsx";
import { formatDuration, formatNumber } from "./format.ts";
import { ReportTable } from "./ReportTable.tsx";
import { Share } from "./Share.tsx";
import { NS } from "./texts.ts";
import { useReport } from "./useReport.ts";
import type { ReportDirectories } from "./useReportDirectories.ts";

/** Each employee's work: clients served, time with clients, idle and on pauses (by reason). */
export function OperatorsTab({ query, directories }: { query: string; directories: ReportDirectories }) {
  const { t } = useTranslation(NS);
  const report = useReport("operators", operatorsReportSchema, query);
  if (report.error) return <ReportError error={report.error} />;
  const items = report.data?.items;
  if (!items) return null;
  const numeric = (key: string) => ({ label: t(`operators.${key}`), numeric: true });
  const columns = [
    { label: t("operators.name") },
    ...["served", "noShows", "avgService", "rating", "signedIn", "serving", "idle", "paused"].map(numeric),
    { label: t("operators.utilisation"), hint: t("operators.utilisationHint"), width: 170 },
  ];
  return (
    <ChartCard title={t("tabs.operators")} empty={items.length === 0} testId="report-operators">
      <ReportTable minWidth={980} columns={columns}>
        {items.map((o) => (
          <OperatorRow key={o.employeeId} row={o} directories={directories} />
        ))}
      </ReportTable>
    </ChartCard>
  );
}

function OperatorRow({
  row: o,
  directories,
}: {
  row: z.infer<typeof operatorsReportSchema>["items"][number];
  directories: ReportDirectories;
}) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const d = (s: number | null) => formatDuration(t, lang, s);
  const reason = (name: string) => {
    const r = directories.pauseReasons.find((x) => x.name === name);
    return r ? localName(r, lang) : name;
  };
  const reasons = Object.entries(o.seconds.pausedByReason).sort((a, b) => b[1] - a[1]);
  return (
    <Table.Tr data-testid="report-operator-row">
      <Table.Td>{o.name}</Table.Td>
      <Table.Td ta="right">{formatNumber(lang, o.served)}</Table.Td>
      <Table.Td ta="right">{formatNumber(lang, o.noShows)}</Table.Td>
      <Table.Td ta="right">{d(o.averageServiceSeconds)}</Table.Td>
      <Table.Td ta="right">
        {o.ratings.avg === null
          ? t("kpi.none")
          : `${formatNumber(lang, o.ratings.avg, 1)} (${formatNumber(lang, o.ratings.count)})`}
      </Table.Td>
      <Table.Td ta="right">{d(o.seconds.signedIn)}</Table.Td>
      <Table.Td ta="right">{d(o.seconds.serving + o.seconds.calling)}</Table.Td>
      <Table.Td ta="right">{d(o.seconds.idle)}</Table.Td>
      <Table.Td ta="right">
        <Tooltip
          disabled={reasons.length === 0}
          label={reasons.map(([r, s]) => `${reason(r)}: ${d(s)}`).join(" · ")}
        >
          <span>{d(o.seconds.paused)}</span>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Share value={o.utilisation} />
      </Table.Td>
    </Table.Tr>
  );
}

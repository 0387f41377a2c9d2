import { workstationsReportSchema } from "@dq/shared";
import { Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ChartCard, ReportError } from "./ChartCard.tsx";
import { formatDuration, formatNumber } from "./format.ts";
import { ReportTable } from "./ReportTable.tsx";
import { Share } from "./Share.tsx";
import { NS } from "./texts.ts";
import { useReport } from "./useReport.ts";

/** Each workstation: clients served, time open and time serving, and so its load. */
export function WorkstationsTab({ query }: { query: string }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const report = useReport("workstations", workstationsReportSchema, query);
  if (report.error) return <ReportError error={report.error} />;
  const items = report.data?.items;
  if (!items) return null;
  const columns = [
    { label: t("workstations.name") },
    { label: t("workstations.served"), numeric: true },
    { label: t("workstations.serving"), numeric: true },
    { label: t("workstations.open"), numeric: true },
    { label: t("workstations.load"), hint: t("workstations.loadHint"), width: 170 },
  ];
  return (
    <ChartCard title={t("tabs.workstations")} empty={items.length === 0} testId="report-workstations">
      <ReportTable minWidth={640} columns={columns}>
        {items.map((w) => (
          <Table.Tr key={w.workstationId} data-testid="report-workstation-row">
            <Table.Td>{w.name}</Table.Td>
            <Table.Td ta="right">{formatNumber(lang, w.served)}</Table.Td>
            <Table.Td ta="right">{formatDuration(t, lang, w.servingSeconds)}</Table.Td>
            <Table.Td ta="right">{formatDuration(t, lang, w.openSeconds)}</Table.Td>
            <Table.Td>
              <Share value={w.load} />
            </Table.Td>
          </Table.Tr>
        ))}
      </ReportTable>
    </ChartCard>
  );
}

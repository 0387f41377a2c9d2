import { workstationsReportSchema } from "@dq/shared";
import { Table, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ChartCard, ReportError } from "./ChartCard.tsx";
import { formatDuration, formatNumber } from "./format.ts";
import { Share } from "./OperatorsTab.tsx";
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
  return (
    <ChartCard title={t("tabs.workstations")} empty={items.length === 0} testId="report-workstations">
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("workstations.name")}</Table.Th>
              <Table.Th ta="right">{t("workstations.served")}</Table.Th>
              <Table.Th ta="right">{t("workstations.serving")}</Table.Th>
              <Table.Th ta="right">{t("workstations.open")}</Table.Th>
              <Table.Th w={170}>
                <Tooltip label={t("workstations.loadHint")} multiline w={260}>
                  <span>{t("workstations.load")}</span>
                </Tooltip>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
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
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </ChartCard>
  );
}

import { operatorsReportSchema } from "@dq/shared";
import { Group, Progress, Table, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { localName } from "../../operator/format.ts";
import { ChartCard, ReportError } from "./ChartCard.tsx";
import { formatDuration, formatNumber, formatPercent } from "./format.ts";
import { NS } from "./texts.ts";
import { useReport } from "./useReport.ts";
import type { ReportDirectories } from "./useReportDirectories.ts";

/** Each employee's work: clients served, time with clients, idle and on pauses (by reason). */
export function OperatorsTab({ query, directories }: { query: string; directories: ReportDirectories }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const report = useReport("operators", operatorsReportSchema, query);
  if (report.error) return <ReportError error={report.error} />;
  const items = report.data?.items;
  if (!items) return null;
  const d = (s: number | null) => formatDuration(t, lang, s);
  const reason = (name: string) => {
    const r = directories.pauseReasons.find((x) => x.name === name);
    return r ? localName(r, lang) : name;
  };
  return (
    <ChartCard title={t("tabs.operators")} empty={items.length === 0} testId="report-operators">
      <Table.ScrollContainer minWidth={980}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("operators.name")}</Table.Th>
              <Table.Th ta="right">{t("operators.served")}</Table.Th>
              <Table.Th ta="right">{t("operators.noShows")}</Table.Th>
              <Table.Th ta="right">{t("operators.avgService")}</Table.Th>
              <Table.Th ta="right">{t("operators.rating")}</Table.Th>
              <Table.Th ta="right">{t("operators.signedIn")}</Table.Th>
              <Table.Th ta="right">{t("operators.serving")}</Table.Th>
              <Table.Th ta="right">{t("operators.idle")}</Table.Th>
              <Table.Th ta="right">{t("operators.paused")}</Table.Th>
              <Table.Th w={170}>
                <Tooltip label={t("operators.utilisationHint")} multiline w={260}>
                  <span>{t("operators.utilisation")}</span>
                </Tooltip>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((o) => {
              const reasons = Object.entries(o.seconds.pausedByReason).sort((a, b) => b[1] - a[1]);
              return (
                <Table.Tr key={o.employeeId} data-testid="report-operator-row">
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
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </ChartCard>
  );
}

/** A share as a bar and a percentage. */
export function Share({ value }: { value: number | null }) {
  const { i18n } = useTranslation(NS);
  if (value === null) return <Text c="dimmed">—</Text>;
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress value={value * 100} w={90} color={value > 0.9 ? "red" : value > 0.7 ? "orange" : "blue"} />
      <Text size="sm">{formatPercent(i18n.language, value)}</Text>
    </Group>
  );
}

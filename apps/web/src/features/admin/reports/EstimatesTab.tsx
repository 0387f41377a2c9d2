import { type EstimatesReport, estimatesReportSchema } from "@dq/shared";
import { Card, SimpleGrid, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { localName } from "../../operator/format.ts";
import { ChartCard, ReportError } from "./ChartCard.tsx";
import { formatMinutes, formatNumber, formatPercent } from "./format.ts";
import { ReportTable } from "./ReportTable.tsx";
import { NS } from "./texts.ts";
import { useReport } from "./useReport.ts";
import type { ReportDirectories } from "./useReportDirectories.ts";

type Figures = Omit<EstimatesReport, "byService">;

/** Below this many tickets the figures are shown with a caution and without colours. */
const FEW_TICKETS = 30;

/**
 * «Точность прогнозов»: were the waits promised at the kiosk kept? The range quoted at issue is an
 * 80 % range, so about 80 % should fall inside it and about 10 % wait longer.
 */
export function EstimatesTab({ query, directories }: { query: string; directories: ReportDirectories }) {
  const { t } = useTranslation(NS);
  const report = useReport("estimates", estimatesReportSchema, query);
  if (report.error) return <ReportError error={report.error} />;
  const r = report.data;
  if (!r) return null;
  return (
    <>
      <Text size="sm" c="dimmed" data-testid="estimates-caption">
        {t("estimates.caption")}
      </Text>
      {r.count > 0 && r.count < FEW_TICKETS && (
        <Text size="sm" c="orange.8" data-testid="estimates-few">
          {t("estimates.few", { count: r.count, least: FEW_TICKETS })}
        </Text>
      )}
      <EstimateCards figures={r} />
      <ByService report={r} directories={directories} />
    </>
  );
}

function EstimateCards({ figures: f }: { figures: Figures }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const share = (x: number | null) => formatPercent(lang, x);
  const bias = f.biasMinutes;
  // On a handful of tickets a share says little: no green or red then.
  const judged = f.count >= FEW_TICKETS;
  const cards = [
    { key: "count", value: formatNumber(lang, f.count), detail: t("estimates.countDetail") },
    {
      key: "coverage",
      value: share(f.coverage),
      detail: t("estimates.coverageDetail"),
      // An 80 % range: a coverage far below 80 % means the promises are too narrow or off.
      color:
        f.coverage === null || !judged
          ? undefined
          : f.coverage >= 0.75
            ? "green"
            : f.coverage >= 0.6
              ? "orange"
              : "red",
    },
    {
      key: "under",
      value: share(f.underShare),
      detail: t("estimates.underDetail"),
      color:
        f.underShare === null || !judged
          ? undefined
          : f.underShare <= 0.15
            ? "green"
            : f.underShare <= 0.25
              ? "orange"
              : "red",
    },
    { key: "mae", value: formatMinutes(t, lang, f.maeMinutes), detail: t("estimates.maeDetail") },
    {
      key: "bias",
      value: formatMinutes(t, lang, bias, true),
      detail:
        bias === null
          ? undefined
          : t(bias > 0 ? "estimates.biasLonger" : bias < 0 ? "estimates.biasShorter" : "estimates.biasNone"),
    },
    { key: "width", value: formatMinutes(t, lang, f.medianWidthMinutes), detail: t("estimates.widthDetail") },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="estimates-kpis">
      {cards.map((c) => (
        <Card key={c.key} withBorder padding="sm" data-testid={`estimate-${c.key}`}>
          <Text size="sm" c="dimmed">
            {t(`estimates.${c.key}`)}
          </Text>
          <Text fz={28} fw={700} c={c.color} lh={1.2} data-testid="kpi-value">
            {c.value}
          </Text>
          {c.detail && (
            <Text size="xs" c="dimmed">
              {c.detail}
            </Text>
          )}
        </Card>
      ))}
    </SimpleGrid>
  );
}

const FIGURES = ["count", "coverage", "under", "mae", "bias", "width"] as const;

function ByService({ report, directories }: { report: EstimatesReport; directories: ReportDirectories }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const name = (id: string, fallback: string) => {
    const s = directories.services.find((x) => x.id === id);
    return s ? localName(s, lang) : fallback;
  };
  // In the screen's language, and in its alphabetical order.
  const rows = report.byService
    .map((s) => ({ ...s, shownName: name(s.serviceId, s.name) }))
    .sort((a, b) => a.shownName.localeCompare(b.shownName, lang));
  const columns = [
    { label: t("estimates.service") },
    ...FIGURES.map((key) => ({ label: t(`estimates.${key}`), numeric: true })),
  ];
  return (
    <ChartCard
      title={t("estimates.byService")}
      empty={report.byService.length === 0}
      testId="estimates-by-service"
    >
      <ReportTable minWidth={820} columns={columns}>
        {rows.map((s) => (
          <Table.Tr key={s.serviceId} data-testid="estimates-service-row">
            <Table.Td>{s.shownName}</Table.Td>
            <Table.Td ta="right">{formatNumber(lang, s.count)}</Table.Td>
            <Table.Td ta="right">{formatPercent(lang, s.coverage)}</Table.Td>
            <Table.Td ta="right">{formatPercent(lang, s.underShare)}</Table.Td>
            <Table.Td ta="right">{formatMinutes(t, lang, s.maeMinutes)}</Table.Td>
            <Table.Td ta="right">{formatMinutes(t, lang, s.biasMinutes, true)}</Table.Td>
            <Table.Td ta="right">{formatMinutes(t, lang, s.medianWidthMinutes)}</Table.Td>
          </Table.Tr>
        ))}
      </ReportTable>
    </ChartCard>
  );
}

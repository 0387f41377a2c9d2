import { Button, Group, Stack, Tabs, Title, Tooltip } from "@mantine/core";
import { useIsFetching } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { HistoryBanner } from "../dashboard/HistoryBanner.tsx";
import { AppointmentsTab } from "./AppointmentsTab.tsx";
import { EstimatesTab } from "./EstimatesTab.tsx";
import { HourlyTab } from "./HourlyTab.tsx";
import { OperatorsTab } from "./OperatorsTab.tsx";
import { OverviewTab } from "./OverviewTab.tsx";
import { ReportFilters } from "./ReportFilters.tsx";
import { TicketsTab } from "./TicketsTab.tsx";
import { NS } from "./texts.ts";
import { useReportDirectories } from "./useReportDirectories.ts";
import { TABS, type Tab, useReportFilters } from "./useReportFilters.ts";
import { WorkstationsTab } from "./WorkstationsTab.tsx";

/**
 * «Отчёты»: the period and filters on top (kept in the address), a tab per report, and the whole
 * filtered ticket history as CSV or Excel.
 */
export default function ReportsPage() {
  const { t, i18n } = useTranslation(NS);
  const state = useReportFilters();
  const directories = useReportDirectories();
  const { filters, query, tab } = state;
  const loading = useIsFetching({ queryKey: ["report"] }) > 0;
  const exportUrl = (format: "csv" | "xlsx") =>
    `/api/v1/reports/tickets?${query}&format=${format}&lang=${i18n.language === "en" ? "en" : "ru"}`;
  return (
    <Stack data-testid="reports" data-loading={loading || undefined}>
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t("title")}</Title>
        <Tooltip label={t("export.hint")}>
          <Group gap="xs">
            <Button component="a" href={exportUrl("csv")} variant="default" data-testid="export-csv">
              {t("export.csv")}
            </Button>
            <Button component="a" href={exportUrl("xlsx")} variant="default" data-testid="export-xlsx">
              {t("export.xlsx")}
            </Button>
          </Group>
        </Tooltip>
      </Group>
      <HistoryBanner />
      <ReportFilters state={state} directories={directories} />
      <Tabs value={tab} onChange={(v) => state.update({ tab: (v as Tab) ?? "overview" })} keepMounted={false}>
        <Tabs.List>
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Stack mt="md">
          {tab === "overview" && <OverviewTab filters={filters} query={query} directories={directories} />}
          {tab === "hourly" && <HourlyTab filters={filters} query={query} />}
          {tab === "operators" && <OperatorsTab query={query} directories={directories} />}
          {tab === "workstations" && <WorkstationsTab query={query} />}
          {tab === "tickets" && <TicketsTab query={query} directories={directories} />}
          {tab === "estimates" && <EstimatesTab query={query} directories={directories} />}
          {tab === "appointments" && <AppointmentsTab query={query} directories={directories} />}
        </Stack>
      </Tabs>
    </Stack>
  );
}

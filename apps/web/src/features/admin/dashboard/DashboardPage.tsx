import { Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNow } from "../../../app/use-now.ts";
import { localName } from "../../operator/format.ts";
import { NS } from "../texts.ts";
import { AppointmentsToday } from "./AppointmentsToday.tsx";
import { HistoryBanner } from "./HistoryBanner.tsx";
import { ServicesNow } from "./ServicesNow.tsx";
import { useDashboard, useRelease } from "./useDashboard.ts";
import { WorkstationCard } from "./WorkstationCard.tsx";

/** «Текущее состояние»: the office now, live; colour shows trouble at a glance. */
export default function DashboardPage() {
  const { t, i18n } = useTranslation(NS);
  const dashboard = useDashboard();
  const now = useNow(1000);
  const release = useRelease();
  const d = dashboard.data;
  if (!d) return null;
  // Figures were computed at `d.at`; waits keep growing until the next update.
  const sinceFetch = Math.max(0, (now.getTime() - new Date(d.at).getTime()) / 1000);
  const totals = {
    waiting: d.services.reduce((s, x) => s + x.waiting, 0),
    served: d.services.reduce((s, x) => s + x.servedToday, 0),
    overdue: d.services.reduce((s, x) => s + x.overdue, 0),
  };
  const serviceName = (id: string) => {
    const s = d.services.find((x) => x.serviceId === id);
    return s ? localName(s, i18n.language) : "";
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("dashboard.title")}</Title>
        <Text c={totals.overdue > 0 ? "red" : "dimmed"} data-testid="dashboard-totals">
          {t("dashboard.totals", totals)}
        </Text>
      </Group>
      <HistoryBanner />

      <ServicesNow services={d.services} sinceFetch={sinceFetch} />
      <AppointmentsToday appointments={d.appointments} serviceName={serviceName} />

      <Title order={4}>{t("dashboard.workstations")}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} data-testid="dashboard-workstations">
        {d.workstations.map((w) => (
          <WorkstationCard
            key={w.id}
            workstation={w}
            now={now}
            serviceName={serviceName}
            releasing={release.isPending && release.variables === w.id}
            onRelease={() => release.mutate(w.id)}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

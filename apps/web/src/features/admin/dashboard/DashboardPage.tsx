import { dashboardSchema } from "@dq/shared";
import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../../app/api.ts";
import { useLiveQueries } from "../../../app/events.ts";
import { useNow } from "../../../app/use-now.ts";
import { duration, localName, secondsBetween } from "../../operator/format.ts";
import { NS } from "../texts.ts";

const STATUS_COLOR = {
  offline: "gray",
  free: "green",
  calling: "yellow",
  serving: "blue",
  paused: "orange",
} as const;

/** «Текущее состояние»: the office now, live; colour shows trouble at a glance. */
export default function DashboardPage() {
  const { t, i18n } = useTranslation(NS);
  const client = useQueryClient();
  const dashboard = useQuery({
    queryKey: ["dashboard"],
    queryFn: () => api.get("/api/v1/dashboard", dashboardSchema),
  });
  useLiveQueries("staff");
  const now = useNow(1000);
  const release = useMutation({
    mutationFn: (id: string) => api.post(`/api/v1/queue/workstations/${id}/release`, undefined),
    // Pending until the fresh data is read after a success; not after a failure, whose reads may
    // be waiting for an unreachable server.
    onSettled: (_, error) => {
      const refresh = client.invalidateQueries({ queryKey: ["dashboard"] });
      return error ? undefined : refresh;
    },
  });
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

      <Card withBorder padding="md">
        <Title order={4} mb="sm">
          {t("dashboard.services")}
        </Title>
        <Table striped data-testid="dashboard-services">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">{t("dashboard.waiting")}</Table.Th>
              <Table.Th ta="right">{t("dashboard.longest")}</Table.Th>
              <Table.Th ta="right">{t("dashboard.overdue")}</Table.Th>
              <Table.Th ta="right">{t("dashboard.served")}</Table.Th>
              <Table.Th ta="right">{t("dashboard.avgWait")}</Table.Th>
              <Table.Th ta="right">{t("dashboard.target")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.services.map((s) => {
              const longest = s.waiting ? s.longestWaitSeconds + sinceFetch : 0;
              const target = s.targetWaitMinutes ? s.targetWaitMinutes * 60 : null;
              const color = s.overdue > 0 ? "red" : target && longest > target * 0.8 ? "orange" : undefined;
              return (
                <Table.Tr key={s.serviceId} data-testid="dashboard-service" data-service={s.serviceId}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Badge color={s.color} variant="filled" radius="sm">
                        {s.prefix}
                      </Badge>
                      <Text>{localName(s, i18n.language)}</Text>
                      {s.state !== "open" && (
                        <Badge color="gray" variant="light">
                          {t(`serviceState.${s.state}`)}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" fw={700} data-testid="waiting">
                    {s.waiting}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace" c={color}>
                    {s.waiting ? duration(longest) : "—"}
                  </Table.Td>
                  <Table.Td ta="right">{s.overdue > 0 ? <Badge color="red">{s.overdue}</Badge> : 0}</Table.Td>
                  <Table.Td ta="right">{s.servedToday}</Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {s.averageWaitSecondsToday === null ? "—" : duration(s.averageWaitSecondsToday)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {s.targetWaitMinutes ? t("common.minutes", { count: s.targetWaitMinutes }) : "—"}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Card>

      <Title order={4}>{t("dashboard.workstations")}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} data-testid="dashboard-workstations">
        {d.workstations.map((w) => {
          const phase = w.ticket
            ? w.ticket.status === "serving"
              ? w.ticket.startedAt
              : w.ticket.calledAt
            : w.since;
          const long = w.status === "paused" && secondsBetween(w.since, now) > 15 * 60;
          return (
            <Card
              key={w.id}
              withBorder
              padding="md"
              data-testid="dashboard-workstation"
              style={{ opacity: w.active ? 1 : 0.5 }}
            >
              <Group justify="space-between" mb={4}>
                <Text fw={700}>{w.name}</Text>
                <Badge color={long ? "red" : STATUS_COLOR[w.status]}>
                  {t(`status.${w.status}`)}
                  {w.pauseReason ? ` · ${w.pauseReason}` : ""}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {w.employee?.name ?? t("dashboard.nobody")}
              </Text>
              {w.ticket && (
                <Group gap="xs" mt={6}>
                  <Text fw={800} fz="xl" ff="monospace">
                    {w.ticket.label}
                  </Text>
                  <Text size="sm">{serviceName(w.ticket.serviceId)}</Text>
                </Group>
              )}
              {w.employee && (
                <Text size="sm" ff="monospace" mt={4}>
                  {duration(secondsBetween(phase, now))}
                </Text>
              )}
              {w.employee && (
                <Group gap="xs" mt="sm">
                  <Button
                    size="compact-sm"
                    variant="light"
                    component={Link}
                    to={`/operator?workstation=${w.id}`}
                  >
                    {t("dashboard.watch")}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    loading={release.isPending && release.variables === w.id}
                    onClick={() =>
                      window.confirm(t("dashboard.releaseConfirm", { number: w.number })) &&
                      release.mutate(w.id)
                    }
                  >
                    {t("dashboard.release")}
                  </Button>
                </Group>
              )}
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}

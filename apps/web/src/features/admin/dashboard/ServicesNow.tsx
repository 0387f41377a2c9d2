import type { Dashboard } from "@dq/shared";
import { Badge, Card, Group, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { duration, localName } from "../../operator/format.ts";
import { TableHead } from "../reports/ReportTable.tsx";
import { NS } from "../texts.ts";

type ServiceNow = Dashboard["services"][number];

/** Each service now: who waits and how long, against its target; orange near it, red past it. */
export function ServicesNow({ services, sinceFetch }: { services: ServiceNow[]; sinceFetch: number }) {
  const { t } = useTranslation(NS);
  const figure = (key: string) => ({ label: t(`dashboard.${key}`), numeric: true });
  const columns = [{}, ...["waiting", "longest", "overdue", "served", "avgWait", "target"].map(figure)];
  return (
    <Card withBorder padding="md">
      <Title order={4} mb="sm">
        {t("dashboard.services")}
      </Title>
      <Table striped data-testid="dashboard-services">
        <TableHead columns={columns} />
        <Table.Tbody>
          {services.map((s) => (
            <ServiceRow key={s.serviceId} service={s} sinceFetch={sinceFetch} />
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** `sinceFetch`: seconds since the figures were computed; waits keep growing until the next update. */
function ServiceRow({ service: s, sinceFetch }: { service: ServiceNow; sinceFetch: number }) {
  const { t, i18n } = useTranslation(NS);
  const longest = s.waiting ? s.longestWaitSeconds + sinceFetch : 0;
  const target = s.targetWaitMinutes ? s.targetWaitMinutes * 60 : null;
  const color = s.overdue > 0 ? "red" : target && longest > target * 0.8 ? "orange" : undefined;
  return (
    <Table.Tr data-testid="dashboard-service" data-service={s.serviceId}>
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
}

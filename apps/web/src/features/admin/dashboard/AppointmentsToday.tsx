import { type Dashboard, formatTicketCode } from "@dq/shared";
import { Anchor, Card, Group, SimpleGrid, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TableHead } from "../reports/ReportTable.tsx";
import { NS } from "./appointments-texts.ts";

type Appointments = Dashboard["appointments"];

/**
 * Today's appointments: how many were booked, came, did not come or were cancelled, and who is
 * expected next (those not yet checked in whose time has not passed, a few minutes late included).
 * An office with no appointments today is not shown the card.
 */
export function AppointmentsToday({
  appointments: a,
  serviceName,
}: {
  appointments: Appointments;
  serviceName: (id: string) => string;
}) {
  const { t } = useTranslation(NS);
  if (a.booked + a.cancelled === 0) return null;
  const counts = [
    { key: "booked", value: a.booked },
    { key: "checkedIn", value: a.checkedIn },
    { key: "noShows", value: a.noShows, color: a.noShows > 0 ? "orange.8" : undefined },
    { key: "cancelled", value: a.cancelled },
  ];
  const columns = [{ label: t("time") }, { label: t("code") }, { label: t("name") }, { label: t("service") }];
  return (
    <Card withBorder padding="md" data-testid="dashboard-appointments">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t("title")}</Title>
        <Anchor component={Link} to="/admin/appointments" size="sm" data-testid="appointments-all">
          {t("all")}
        </Anchor>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" mb="sm">
        {counts.map((c) => (
          <div key={c.key} data-testid={`appointments-${c.key}`}>
            <Text size="sm" c="dimmed">
              {t(c.key)}
            </Text>
            <Text fz={24} fw={700} c={c.color} lh={1.2}>
              {c.value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {a.upcoming.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="appointments-none">
          {t("noneLeft")}
        </Text>
      ) : (
        <>
          <Text size="sm" fw={600} mb={4}>
            {t("next")}
          </Text>
          <Table striped data-testid="appointments-upcoming">
            <TableHead columns={columns} />
            <Table.Tbody>
              {a.upcoming.map((x) => (
                <Table.Tr key={x.code} data-testid="appointment-upcoming">
                  {/* The start is in the office's time with its offset: its wall clock is what to show. */}
                  <Table.Td ff="monospace">{x.start.slice(11, 16)}</Table.Td>
                  <Table.Td ff="monospace">{formatTicketCode(x.code)}</Table.Td>
                  <Table.Td>{x.name}</Table.Td>
                  <Table.Td>{serviceName(x.serviceId)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Card>
  );
}

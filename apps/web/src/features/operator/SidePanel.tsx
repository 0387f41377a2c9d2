import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNow } from "../../app/use-now.ts";
import { duration, secondsBetween } from "./format.ts";
import { NS } from "./texts.ts";
import type { useWorkplaceData } from "./useWorkplace.ts";

/** What the operator serves: his queues, the clients he may call, and his own day. */
export function SidePanel({
  data,
  serviceName,
  canCall,
  onCall,
}: {
  data: ReturnType<typeof useWorkplaceData>;
  serviceName: (id: string) => string;
  canCall: boolean;
  /** Absent when the workplace is only watched. */
  onCall?: (ticketId: string) => void;
}) {
  const { t } = useTranslation(NS);
  const now = useNow(5000);
  const queues = data.queues.data?.items ?? [];
  const waiting = data.waiting.data?.items ?? [];
  const today = data.today.data;
  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Title order={4} mb="xs">
          {t(onCall ? "side.queues" : "side.queuesHere")}
        </Title>
        <Table verticalSpacing={4} data-testid="my-queues">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("side.service")}</Table.Th>
              <Table.Th ta="right">{t("side.waiting")}</Table.Th>
              <Table.Th ta="right">{t("side.longest")}</Table.Th>
              <Table.Th ta="right">{t("side.overdue")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {queues.map((q) => (
              <Table.Tr key={q.serviceId}>
                <Table.Td>
                  {q.prefix && (
                    <Badge variant="light" mr={6}>
                      {q.prefix}
                    </Badge>
                  )}
                  {serviceName(q.serviceId) || q.name}
                </Table.Td>
                <Table.Td ta="right" fw={700}>
                  {q.waiting}
                </Table.Td>
                <Table.Td ta="right" ff="monospace">
                  {q.waiting ? duration(q.longestWaitSeconds) : "—"}
                </Table.Td>
                <Table.Td ta="right">{q.overdue > 0 ? <Badge color="red">{q.overdue}</Badge> : "0"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>

      <Card withBorder padding="md">
        <Title order={4} mb="xs">
          {t("side.list")}
        </Title>
        {waiting.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("side.empty")}
          </Text>
        ) : (
          <Stack gap={6} data-testid="waiting-list" mah={360} style={{ overflowY: "auto" }}>
            {waiting.map((w) => (
              <Group
                key={w.id}
                justify="space-between"
                wrap="nowrap"
                data-testid="waiting-ticket"
                data-label={w.label}
              >
                <Group gap="xs" wrap="nowrap">
                  <Text fw={700} ff="monospace">
                    {w.label}
                  </Text>
                  <Text size="sm" c="dimmed" truncate>
                    {serviceName(w.serviceId)}
                  </Text>
                  {w.categoryId && (
                    <Badge color="grape" size="xs">
                      ★
                    </Badge>
                  )}
                </Group>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" ff="monospace">
                    {duration(secondsBetween(w.enqueuedAt, now))}
                  </Text>
                  {onCall && (
                    <Button
                      size="compact-sm"
                      variant="light"
                      disabled={!canCall}
                      onClick={() => onCall(w.id)}
                    >
                      {t("actions.call")}
                    </Button>
                  )}
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </Card>

      <Card withBorder padding="md">
        <Title order={4} mb="xs">
          {t(onCall ? "side.today" : "side.todayHere")}
        </Title>
        <SimpleGrid cols={4} data-testid="my-day">
          <Figure label={t("side.served")} value={today?.served ?? 0} />
          <Figure
            label={t("side.average")}
            value={today?.averageServiceSeconds == null ? "—" : duration(today.averageServiceSeconds)}
          />
          <Figure label={t("side.noShows")} value={today?.noShows ?? 0} />
          <Figure label={t("side.redirected")} value={today?.redirected ?? 0} />
        </SimpleGrid>
      </Card>
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: number | string }) {
  return (
    <Stack gap={0} align="center">
      <Text fz={24} fw={700}>
        {value}
      </Text>
      <Text size="xs" c="dimmed" ta="center">
        {label}
      </Text>
    </Stack>
  );
}

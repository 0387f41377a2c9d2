import type { QueueSummary } from "@dq/shared";
import { Badge, Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNow } from "../../app/use-now.ts";
import { duration, secondsSince } from "./format.ts";
import { PanelCard } from "./PanelCard.tsx";
import { NS } from "./texts.ts";

/**
 * The queues of the services this workplace serves: how many wait, for how long (counting on each
 * second from when the figures were read), how many overdue.
 */
export function MyQueues({
  queues,
  readAt,
  serviceName,
  watched,
}: {
  queues: QueueSummary[];
  /** When `queues` was read (ms). */
  readAt: number;
  serviceName: (id: string) => string;
  watched: boolean;
}) {
  const { t } = useTranslation(NS);
  const now = useNow(1000);
  return (
    <PanelCard title={t(watched ? "side.queuesHere" : "side.queues")}>
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
                {q.waiting ? duration(secondsSince(q.longestWaitSeconds, readAt, now)) : "—"}
              </Table.Td>
              <Table.Td ta="right">{q.overdue > 0 ? <Badge color="red">{q.overdue}</Badge> : "0"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </PanelCard>
  );
}

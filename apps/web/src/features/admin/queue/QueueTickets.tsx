import type { Ticket } from "@dq/shared";
import { Badge, Button, Group, Menu, Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { intlLocale } from "../../../app/day-format.ts";
import { useOffice } from "../../../app/office.ts";
import { useNow } from "../../../app/use-now.ts";
import { duration, secondsBetween } from "../../operator/format.ts";
import { awaitsArrival } from "../../operator/nobody-callable.ts";
import { RemoteBadges } from "../../operator/RemoteBadges.tsx";
import { NS } from "../texts.ts";
import type { DialogKind } from "./ChangeDialog.tsx";

/** The tickets found: label, service, category, when issued, how long waiting; changes for waiting ones. */
export function QueueTickets({
  tickets,
  serviceName,
  categoryName,
  onChange,
  onCancel,
}: {
  tickets: Ticket[];
  serviceName: (id: string | null) => string;
  categoryName: (id: string | null) => string;
  onChange: (kind: DialogKind, ticket: Ticket) => void;
  onCancel: (ticket: Ticket) => void;
}) {
  const { t, i18n } = useTranslation(NS);
  const timeZone = useOffice().data?.timezone;
  const now = useNow(5000);
  return (
    <Table striped highlightOnHover data-testid="queue-tickets">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("queue.ticket")}</Table.Th>
          <Table.Th>{t("queue.service")}</Table.Th>
          <Table.Th>{t("queue.category")}</Table.Th>
          <Table.Th>{t("queue.issued")}</Table.Th>
          <Table.Th>{t("queue.waited")}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tickets.map((ticket) => (
          <Table.Tr
            key={ticket.id}
            data-testid="queue-ticket"
            data-label={ticket.label}
            c={awaitsArrival(ticket) ? "dimmed" : undefined}
          >
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <b style={{ fontFamily: "monospace" }}>{ticket.label}</b>
                <RemoteBadges ticket={ticket} size="xs" />
              </Group>
            </Table.Td>
            <Table.Td>{serviceName(ticket.serviceId)}</Table.Td>
            <Table.Td>
              {ticket.categoryId ? <Badge color="grape">{categoryName(ticket.categoryId)}</Badge> : null}
            </Table.Td>
            <Table.Td>
              {new Date(ticket.issuedAt).toLocaleTimeString(intlLocale(i18n.language), {
                hour: "2-digit",
                minute: "2-digit",
                timeZone,
              })}
            </Table.Td>
            <Table.Td ff="monospace">
              {ticket.status === "waiting"
                ? duration(secondsBetween(ticket.enqueuedAt, now))
                : t(`ticketStatus.${ticket.status}`)}
            </Table.Td>
            <Table.Td>
              {ticket.status === "waiting" && (
                <TicketMenu ticket={ticket} onChange={onChange} onCancel={onCancel} />
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** What may be done to a waiting ticket. */
function TicketMenu({
  ticket,
  onChange,
  onCancel,
}: {
  ticket: Ticket;
  onChange: (kind: DialogKind, ticket: Ticket) => void;
  onCancel: (ticket: Ticket) => void;
}) {
  const { t } = useTranslation(NS);
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button size="compact-sm" variant="light">
          {t("common.actions")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => onChange("send", ticket)}>{t("queue.send")}</Menu.Item>
        <Menu.Item onClick={() => onChange("category", ticket)}>{t("queue.changeCategory")}</Menu.Item>
        <Menu.Item onClick={() => onChange("move", ticket)}>{t("queue.move")}</Menu.Item>
        <Menu.Item color="red" onClick={() => onCancel(ticket)}>
          {t("queue.cancel")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

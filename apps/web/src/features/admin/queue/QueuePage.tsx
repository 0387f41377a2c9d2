import {
  categorySchema,
  dashboardSchema,
  listOf,
  serviceSchema,
  TICKET_STATUSES,
  type Ticket,
  type TicketStatus,
  ticketSchema,
} from "@dq/shared";
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { api } from "../../../app/api.ts";
import { errorMessage } from "../../../app/errors.ts";
import { useLiveQueries } from "../../../app/events.ts";
import { useOffice } from "../../../app/office.ts";
import { useNow } from "../../../app/use-now.ts";
import { duration, localName, secondsBetween } from "../../operator/format.ts";
import { NS } from "../texts.ts";

const closeDaySchema = z.object({
  closed: z.number(),
  cancelled: z.number(),
  noShow: z.number(),
  served: z.number(),
});

type Change =
  | { kind: "cancel"; ticket: Ticket }
  | { kind: "category"; ticket: Ticket; categoryId: string | null }
  | { kind: "move"; ticket: Ticket; serviceId: string }
  | { kind: "send"; ticket: Ticket; workstationId: string }
  | { kind: "accepting"; serviceId: string; accepting: boolean }
  | { kind: "closeDay" };

function run(c: Change): Promise<unknown> {
  switch (c.kind) {
    case "cancel":
      return api.post(`/api/v1/queue/tickets/${c.ticket.id}/cancel`, undefined, ticketSchema);
    case "category":
      return api.patch(`/api/v1/queue/tickets/${c.ticket.id}`, { categoryId: c.categoryId }, ticketSchema);
    case "move":
      return api.patch(`/api/v1/queue/tickets/${c.ticket.id}`, { serviceId: c.serviceId }, ticketSchema);
    case "send":
      return api.post(
        `/api/v1/queue/tickets/${c.ticket.id}/send`,
        { workstationId: c.workstationId },
        ticketSchema,
      );
    case "accepting":
      return api.post(`/api/v1/queue/services/${c.serviceId}/${c.accepting ? "open" : "close"}`, undefined);
    case "closeDay":
      return api.post("/api/v1/queue/close-day", undefined, closeDaySchema);
  }
}

/** Queue management: find tickets and change them; stop or resume issuing; close the day. */
export default function QueuePage() {
  const { t, i18n } = useTranslation(NS);
  const client = useQueryClient();
  const timeZone = useOffice().data?.timezone;
  useLiveQueries("staff");
  const now = useNow(5000);
  const [status, setStatus] = useState<TicketStatus>("waiting");
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const params = new URLSearchParams({ status });
  if (serviceId) params.set("serviceId", serviceId);
  if (search.trim()) params.set("q", search.trim());
  const tickets = useQuery({
    queryKey: ["queue", params.toString()],
    queryFn: () => api.get(`/api/v1/queue/tickets?${params}`, listOf(ticketSchema)),
  });
  const services = useQuery({
    queryKey: ["dir", "services"],
    queryFn: () => api.get("/api/v1/services", listOf(serviceSchema)),
  });
  const categories = useQuery({
    queryKey: ["dir", "categories"],
    queryFn: () => api.get("/api/v1/categories", listOf(categorySchema)),
  });
  const dashboard = useQuery({
    queryKey: ["dashboard"],
    queryFn: () => api.get("/api/v1/dashboard", dashboardSchema),
  });
  const [result, setResult] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: run,
    onSuccess: (data, c) => {
      if (c.kind === "closeDay") setResult(t("queue.closedDay", data as z.infer<typeof closeDaySchema>));
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ["queue"] });
      void client.invalidateQueries({ queryKey: ["dashboard"] });
      void client.invalidateQueries({ queryKey: ["dir", "services"] });
    },
  });
  const [dialog, setDialog] = useState<{ kind: "category" | "move" | "send"; ticket: Ticket } | null>(null);

  const leaves = (services.data?.items ?? []).filter((s) => !s.isGroup);
  const name = (id: string | null) => {
    const s = leaves.find((x) => x.id === id);
    return s ? localName(s, i18n.language) : "";
  };
  const categoryName = (id: string | null) => {
    const c = categories.data?.items.find((x) => x.id === id);
    return c ? localName(c, i18n.language) : "";
  };
  const open =
    (dashboard.data?.services ?? []).reduce((n, s) => n + s.waiting, 0) +
    (dashboard.data?.workstations ?? []).filter((w) => w.ticket).length;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("queue.title")}</Title>
        <Button
          color="red"
          variant="light"
          onClick={() =>
            window.confirm(t("queue.closeDayConfirm", { count: open })) && change.mutate({ kind: "closeDay" })
          }
        >
          {t("queue.closeDay")}
        </Button>
      </Group>
      {result && (
        <Alert color="green" withCloseButton onClose={() => setResult(null)}>
          {result}
        </Alert>
      )}
      {change.error && (
        <Alert color="red" withCloseButton onClose={() => change.reset()}>
          {errorMessage(t, change.error)}
        </Alert>
      )}

      <Group align="flex-end">
        <TextInput
          label={t("common.search")}
          placeholder="A015"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={160}
        />
        <Select
          label={t("queue.filterService")}
          data={leaves.map((s) => ({ value: s.id, label: localName(s, i18n.language) }))}
          value={serviceId}
          onChange={setServiceId}
          clearable
          placeholder={t("common.all")}
        />
        <Select
          label={t("queue.filterStatus")}
          data={TICKET_STATUSES.map((s) => ({ value: s, label: t(`ticketStatus.${s}`) }))}
          value={status}
          onChange={(v) => v && setStatus(v as TicketStatus)}
          allowDeselect={false}
        />
      </Group>

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
          {(tickets.data?.items ?? []).map((ticket) => (
            <Table.Tr key={ticket.id} data-testid="queue-ticket" data-label={ticket.label}>
              <Table.Td fw={700} ff="monospace">
                {ticket.label}
              </Table.Td>
              <Table.Td>{name(ticket.serviceId)}</Table.Td>
              <Table.Td>
                {ticket.categoryId ? <Badge color="grape">{categoryName(ticket.categoryId)}</Badge> : null}
              </Table.Td>
              <Table.Td>
                {new Date(ticket.issuedAt).toLocaleTimeString(i18n.language, {
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
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <Button size="compact-sm" variant="light">
                        {t("common.actions")}
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => setDialog({ kind: "send", ticket })}>
                        {t("queue.send")}
                      </Menu.Item>
                      <Menu.Item onClick={() => setDialog({ kind: "category", ticket })}>
                        {t("queue.changeCategory")}
                      </Menu.Item>
                      <Menu.Item onClick={() => setDialog({ kind: "move", ticket })}>
                        {t("queue.move")}
                      </Menu.Item>
                      <Menu.Item
                        color="red"
                        onClick={() =>
                          window.confirm(t("queue.cancelConfirm", { label: ticket.label })) &&
                          change.mutate({ kind: "cancel", ticket })
                        }
                      >
                        {t("queue.cancel")}
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {tickets.isSuccess && tickets.data.items.length === 0 && <Text c="dimmed">{t("common.empty")}</Text>}

      <Card withBorder>
        <Title order={4} mb="sm">
          {t("queue.services")}
        </Title>
        <Stack gap="xs" data-testid="queue-services">
          {leaves.map((s) => (
            <Switch
              key={s.id}
              checked={s.acceptingTickets}
              label={localName(s, i18n.language) + (s.acceptingTickets ? "" : ` — ${t("queue.closedNow")}`)}
              onChange={(e) =>
                change.mutate({ kind: "accepting", serviceId: s.id, accepting: e.currentTarget.checked })
              }
            />
          ))}
        </Stack>
      </Card>

      {dialog && (
        <ChangeDialog
          kind={dialog.kind}
          ticket={dialog.ticket}
          options={
            dialog.kind === "category"
              ? [
                  { value: "", label: t("queue.noCategory") },
                  ...(categories.data?.items ?? [])
                    .filter((c) => c.active)
                    .map((c) => ({ value: c.id, label: localName(c, i18n.language) })),
                ]
              : dialog.kind === "move"
                ? leaves
                    .filter((s) => s.id !== dialog.ticket.serviceId)
                    .map((s) => ({ value: s.id, label: localName(s, i18n.language) }))
                : (dashboard.data?.workstations ?? [])
                    .filter((w) => w.employee && !w.ticket && w.status !== "paused")
                    .map((w) => ({ value: w.id, label: `${w.name} — ${w.employee!.name}` }))
          }
          busy={change.isPending}
          onClose={() => setDialog(null)}
          onConfirm={(value) => {
            const ticket = dialog.ticket;
            const c: Change =
              dialog.kind === "category"
                ? { kind: "category", ticket, categoryId: value || null }
                : dialog.kind === "move"
                  ? { kind: "move", ticket, serviceId: value }
                  : { kind: "send", ticket, workstationId: value };
            change.mutate(c, { onSuccess: () => setDialog(null) });
          }}
        />
      )}
    </Stack>
  );
}

function ChangeDialog(props: {
  kind: "category" | "move" | "send";
  ticket: Ticket;
  options: { value: string; label: string }[];
  busy: boolean;
  onClose: () => void;
  onConfirm: (value: string) => void;
}) {
  const { t } = useTranslation(NS);
  const [value, setValue] = useState<string | null>(
    props.kind === "category" ? (props.ticket.categoryId ?? "") : null,
  );
  const title = { category: t("queue.changeCategory"), move: t("queue.move"), send: t("queue.sendTo") }[
    props.kind
  ];
  return (
    <Modal opened onClose={props.onClose} title={`${props.ticket.label}: ${title}`}>
      <Stack>
        <Select label={title} data={props.options} value={value} onChange={setValue} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            disabled={value === null}
            loading={props.busy}
            onClick={() => value !== null && props.onConfirm(value)}
          >
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

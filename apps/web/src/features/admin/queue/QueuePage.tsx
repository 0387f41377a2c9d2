import type { Ticket } from "@dq/shared";
import { Alert, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../app/errors.ts";
import { useLiveQueries } from "../../../app/events.ts";
import { localName } from "../../operator/format.ts";
import { NS } from "../texts.ts";
import { ChangeDialog, changeOf, changeOptions, type DialogKind } from "./ChangeDialog.tsx";
import { useQueueChange } from "./changes.ts";
import { QueueTickets } from "./QueueTickets.tsx";
import { ServicesAccepting } from "./ServicesAccepting.tsx";
import { TicketFilters } from "./TicketFilters.tsx";
import { useQueueData, useQueueFilters, useSendTargets } from "./useQueueData.ts";

/** Queue management: find tickets and change them; stop or resume issuing; close the day. */
export default function QueuePage() {
  const { t, i18n } = useTranslation(NS);
  useLiveQueries("staff");
  const filters = useQueueFilters();
  const { tickets, services, categories, dashboard } = useQueueData(filters);
  const { change, result, clearResult } = useQueueChange();
  const [dialog, setDialog] = useState<{ kind: DialogKind; ticket: Ticket } | null>(null);
  const sendTargets = useSendTargets(dialog?.kind === "send" ? dialog.ticket.id : null);
  const closeDialog = () => {
    setDialog(null);
    change.reset();
  };

  const leaves = (services.data?.items ?? []).filter((s) => !s.isGroup);
  const name = (id: string | null) => {
    const s = leaves.find((x) => x.id === id);
    return s ? localName(s, i18n.language) : "";
  };
  const categoryName = (id: string | null) => {
    const c = categories.data?.items.find((x) => x.id === id);
    return c ? localName(c, i18n.language) : "";
  };
  // What closing the day would close: the waiting tickets and those at a workstation.
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
        <Alert color="green" withCloseButton onClose={clearResult}>
          {result}
        </Alert>
      )}
      {/* A change made in a dialog tells its failure there. */}
      {change.error && !dialog && (
        <Alert color="red" withCloseButton onClose={() => change.reset()}>
          {errorMessage(t, change.error)}
        </Alert>
      )}

      <TicketFilters filters={filters} leaves={leaves} />
      <QueueTickets
        tickets={tickets.data?.items ?? []}
        serviceName={name}
        categoryName={categoryName}
        onChange={(kind, ticket) => {
          change.reset();
          setDialog({ kind, ticket });
        }}
        onCancel={(ticket) =>
          window.confirm(t("queue.cancelConfirm", { label: ticket.label })) &&
          change.mutate({ kind: "cancel", ticket })
        }
      />
      {tickets.isSuccess && tickets.data.items.length === 0 && <Text c="dimmed">{t("common.empty")}</Text>}

      <ServicesAccepting
        leaves={leaves}
        onToggle={(serviceId, accepting) => change.mutate({ kind: "accepting", serviceId, accepting })}
      />

      {dialog && (
        <ChangeDialog
          kind={dialog.kind}
          ticket={dialog.ticket}
          options={changeOptions(
            dialog.kind,
            dialog.ticket,
            { categories: categories.data?.items ?? [], leaves, sendTargets: sendTargets.data?.items ?? [] },
            t,
            i18n.language,
          )}
          loading={dialog.kind === "send" && !sendTargets.isSuccess}
          error={change.error}
          busy={change.isPending}
          onClose={closeDialog}
          onConfirm={(value) =>
            change.mutate(changeOf(dialog.kind, dialog.ticket, value), { onSuccess: closeDialog })
          }
        />
      )}
    </Stack>
  );
}

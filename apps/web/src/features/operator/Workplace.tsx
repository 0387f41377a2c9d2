import type { OperatorState } from "@dq/shared";
import { Alert, Badge, Button, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ActionError } from "./ActionError.tsx";
import { CurrentTicket } from "./CurrentTicket.tsx";
import { localName } from "./format.ts";
import { NobodyCallable } from "./NobodyCallable.tsx";
import { PauseDialog } from "./PauseDialog.tsx";
import { PauseScreen, usePauseReason } from "./PauseScreen.tsx";
import { RedirectDialog } from "./RedirectDialog.tsx";
import { SidePanel } from "./SidePanel.tsx";
import { STATUS_COLORS } from "./statusColors.ts";
import { TicketActions } from "./TicketActions.tsx";
import { NS } from "./texts.ts";
import { UndoNoShow } from "./UndoNoShow.tsx";
import { useDirectories, type useWorkplaceData } from "./useWorkplace.ts";
import { useWorkplaceControls } from "./useWorkplaceControls.ts";

/** The operator's workplace: his ticket and what he may do with it, his queues and his day. */
export function Workplace({
  data,
  readOnly,
}: {
  data: ReturnType<typeof useWorkplaceData>;
  readOnly: boolean;
}) {
  const { i18n } = useTranslation(NS);
  const state = data.state.data!;
  const dirs = useDirectories();
  // No queue fits both the operator and this workstation: nobody can be called here.
  const servesHere = !(data.queues.isSuccess && data.queues.data.items.length === 0);
  const controls = useWorkplaceControls(state, readOnly, servesHere);
  const { action, busy, handlers } = controls;
  const ticket = state.ticket;

  const services = dirs.services.data?.items ?? [];
  const serviceName = (id: string) => {
    const s = services.find((x) => x.id === id);
    return s ? localName(s, i18n.language) : "";
  };

  return (
    <Stack gap="md">
      {readOnly && <WatchingNotice state={state} />}
      <WorkplaceHeader
        state={state}
        readOnly={readOnly}
        leaveDisabled={busy || Boolean(ticket)}
        onLeave={handlers.leave}
      />

      {action.error && <ActionError error={action.error} onClose={() => action.reset()} />}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            {state.status === "paused" && !ticket ? (
              <PauseScreen state={state} readOnly={readOnly} />
            ) : (
              <CurrentTicket
                ticket={ticket}
                serviceName={serviceName}
                readOnly={readOnly}
                servesHere={servesHere}
              />
            )}
            {controls.undoable && (
              <UndoNoShow undoable={controls.undoable} busy={busy} onUndo={handlers.undoNoShow} />
            )}
            <TicketActions state={state} readOnly={readOnly} controls={controls} />
            {controls.nobodyToCall && !ticket && (
              <NobodyCallable waiting={data.waiting.data?.items ?? []} onClose={controls.closeNobodyToCall} />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <SidePanel
            data={data}
            serviceName={serviceName}
            canCall={controls.allowed.callNext && !busy}
            onCall={readOnly ? undefined : handlers.call}
          />
        </Grid.Col>
      </Grid>

      {ticket && (
        <RedirectDialog
          opened={controls.redirecting}
          onClose={() => controls.setRedirecting(false)}
          services={services.filter((s) => !s.isGroup && s.active && s.id !== ticket.serviceId)}
          busy={busy}
          onConfirm={handlers.redirect}
        />
      )}
      <PauseDialog
        opened={controls.pausing}
        onClose={() => controls.setPausing(false)}
        reasons={(dirs.pauseReasons.data?.items ?? []).filter((r) => r.active)}
        busy={busy}
        onConfirm={handlers.pause}
      />
    </Stack>
  );
}

/** Shown to a supervisor watching someone else's workplace. */
function WatchingNotice({ state }: { state: OperatorState }) {
  const { t } = useTranslation(NS);
  return (
    <Alert color="indigo" data-testid="read-only">
      <Group justify="space-between">
        <Text>{t("workplace.readOnly", { name: state.workstation?.name ?? "" })}</Text>
        <Button component={Link} to="/operator" variant="subtle" size="xs">
          {t("workplace.back")}
        </Button>
      </Group>
    </Alert>
  );
}

/** The workstation's name, the operator's status and, for the operator himself, leaving it. */
function WorkplaceHeader({
  state,
  readOnly,
  leaveDisabled,
  onLeave,
}: {
  state: OperatorState;
  readOnly: boolean;
  leaveDisabled: boolean;
  onLeave: () => void;
}) {
  const { t } = useTranslation(NS);
  const reason = usePauseReason(state.pauseReason);
  return (
    <Group justify="space-between" wrap="wrap">
      <Group gap="sm">
        <Title order={2}>{state.workstation?.name}</Title>
        <Badge size="lg" color={STATUS_COLORS[state.status]} data-testid="operator-status">
          {t(`status.${state.status}`)}
          {state.status === "paused" && reason ? ` · ${reason}` : ""}
        </Badge>
        {readOnly && state.employee && <Text c="dimmed">{state.employee.name}</Text>}
      </Group>
      {!readOnly && (
        <Button variant="default" disabled={leaveDisabled} onClick={onLeave}>
          {t("workplace.leave")}
        </Button>
      )}
    </Group>
  );
}

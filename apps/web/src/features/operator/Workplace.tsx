import type { OperatorState, Ticket } from "@dq/shared";
import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Kbd,
  Modal,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useNow } from "../../app/use-now.ts";
import { ActionError } from "./ActionError.tsx";
import { duration, localName, secondsBetween } from "./format.ts";
import { SidePanel } from "./SidePanel.tsx";
import { keyLabel, useShortcuts } from "./shortcuts.ts";
import { NS } from "./texts.ts";
import { type Action, useAction, useDirectories, type useWorkplaceData } from "./useWorkplace.ts";

/** The physical keys of the actions (shown on the buttons). */
export const KEYS = {
  callNext: "KeyC",
  recall: "KeyR",
  start: "KeyS",
  noShow: "KeyX",
  returnToQueue: "KeyB",
  finish: "KeyF",
  redirect: "KeyD",
  pause: "KeyP",
} as const;

const STATUS_COLORS: Record<OperatorState["status"], string> = {
  offline: "gray",
  free: "green",
  calling: "yellow",
  serving: "blue",
  paused: "orange",
};

export function Workplace({
  data,
  readOnly,
}: {
  data: ReturnType<typeof useWorkplaceData>;
  readOnly: boolean;
}) {
  const { t, i18n } = useTranslation(NS);
  const state = data.state.data!;
  const action = useAction();
  const dirs = useDirectories();
  const [note, setNote] = useState("");
  const [redirecting, setRedirecting] = useState(false);
  const [pausing, setPausing] = useState(false);
  const ticket = state.ticket;
  const busy = action.isPending;

  const act = (a: Action, after?: () => void) => {
    if (readOnly || busy) return;
    action.mutate(a, { onSuccess: after });
  };
  const can = {
    callNext: !readOnly && state.status === "free" && !ticket,
    pause: !readOnly && state.status === "free" && !ticket,
    resume: !readOnly && state.status === "paused",
    called: !readOnly && ticket?.status === "called",
    serving: !readOnly && ticket?.status === "serving",
  };
  const finish = () =>
    ticket && act({ kind: "finish", ticketId: ticket.id, note: note.trim() || undefined }, () => setNote(""));
  useShortcuts(
    readOnly
      ? {}
      : {
          [KEYS.callNext]: () => can.callNext && act({ kind: "callNext" }),
          [KEYS.recall]: () => can.called && ticket && act({ kind: "recall", ticketId: ticket.id }),
          [KEYS.start]: () => can.called && ticket && act({ kind: "start", ticketId: ticket.id }),
          [KEYS.noShow]: () => can.called && ticket && act({ kind: "noShow", ticketId: ticket.id }),
          [KEYS.returnToQueue]: () =>
            can.called && ticket && act({ kind: "return", ticketId: ticket.id, toEnd: false }),
          [KEYS.finish]: () => can.serving && finish(),
          [KEYS.redirect]: () => can.serving && setRedirecting(true),
          [KEYS.pause]: () => (can.resume ? act({ kind: "resume" }) : can.pause && setPausing(true)),
        },
  );

  const services = dirs.services.data?.items ?? [];
  const serviceName = (id: string) => {
    const s = services.find((x) => x.id === id);
    return s ? localName(s, i18n.language) : "";
  };

  return (
    <Stack gap="md">
      {readOnly && (
        <Alert color="indigo" data-testid="read-only">
          <Group justify="space-between">
            <Text>{t("workplace.readOnly", { name: state.workstation?.name ?? "" })}</Text>
            <Button component={Link} to="/operator" variant="subtle" size="xs">
              {t("workplace.back")}
            </Button>
          </Group>
        </Alert>
      )}
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <Title order={2}>{state.workstation?.name}</Title>
          <Badge size="lg" color={STATUS_COLORS[state.status]} data-testid="operator-status">
            {t(`status.${state.status}`)}
            {state.status === "paused" && state.pauseReason ? ` · ${state.pauseReason}` : ""}
          </Badge>
          {readOnly && state.employee && <Text c="dimmed">{state.employee.name}</Text>}
        </Group>
        {!readOnly && (
          <Button variant="default" disabled={busy || Boolean(ticket)} onClick={() => act({ kind: "leave" })}>
            {t("workplace.leave")}
          </Button>
        )}
      </Group>

      {action.error && <ActionError error={action.error} onClose={() => action.reset()} />}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <CurrentTicket ticket={ticket} serviceName={serviceName} readOnly={readOnly} />
            {readOnly && !state.employee ? (
              <Text c="dimmed">{t("workplace.nobody")}</Text>
            ) : readOnly ? null : state.status === "paused" ? (
              <ActionButton
                keyCode={KEYS.pause}
                color="orange"
                busy={busy}
                onClick={() => act({ kind: "resume" })}
              >
                {t("actions.resume")}
              </ActionButton>
            ) : !ticket ? (
              <Group>
                <ActionButton
                  keyCode={KEYS.callNext}
                  size="xl"
                  busy={busy}
                  onClick={() => act({ kind: "callNext" })}
                >
                  {t("actions.callNext")}
                </ActionButton>
                <ActionButton
                  keyCode={KEYS.pause}
                  variant="default"
                  busy={busy}
                  onClick={() => setPausing(true)}
                >
                  {t("actions.pause")}
                </ActionButton>
              </Group>
            ) : ticket.status === "called" ? (
              <Group>
                <ActionButton
                  keyCode={KEYS.start}
                  size="lg"
                  color="green"
                  busy={busy}
                  onClick={() => act({ kind: "start", ticketId: ticket.id })}
                >
                  {t("actions.start")}
                </ActionButton>
                <ActionButton
                  keyCode={KEYS.recall}
                  variant="light"
                  busy={busy}
                  onClick={() => act({ kind: "recall", ticketId: ticket.id })}
                >
                  {t("actions.recall")}
                </ActionButton>
                <ActionButton
                  keyCode={KEYS.noShow}
                  color="red"
                  variant="light"
                  busy={busy}
                  onClick={() => act({ kind: "noShow", ticketId: ticket.id })}
                >
                  {t("actions.noShow")}
                </ActionButton>
                <ActionButton
                  keyCode={KEYS.returnToQueue}
                  variant="default"
                  busy={busy}
                  onClick={() => act({ kind: "return", ticketId: ticket.id, toEnd: false })}
                >
                  {t("actions.returnToQueue")}
                </ActionButton>
              </Group>
            ) : (
              <Stack gap="sm">
                <Textarea
                  label={t("actions.outcome")}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                  maxLength={2000}
                  autosize
                  minRows={2}
                />
                <Group>
                  <ActionButton keyCode={KEYS.finish} size="lg" color="green" busy={busy} onClick={finish}>
                    {t("actions.finish")}
                  </ActionButton>
                  <ActionButton
                    keyCode={KEYS.redirect}
                    variant="light"
                    busy={busy}
                    onClick={() => setRedirecting(true)}
                  >
                    {t("actions.redirect")}
                  </ActionButton>
                </Group>
              </Stack>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <SidePanel
            data={data}
            serviceName={serviceName}
            canCall={can.callNext && !busy}
            onCall={readOnly ? undefined : (ticketId) => act({ kind: "call", ticketId })}
          />
        </Grid.Col>
      </Grid>

      {ticket && (
        <RedirectDialog
          opened={redirecting}
          onClose={() => setRedirecting(false)}
          services={services.filter((s) => !s.isGroup && s.active && s.id !== ticket.serviceId)}
          busy={busy}
          onConfirm={(serviceId, text) =>
            act({ kind: "redirect", ticketId: ticket.id, serviceId, note: text || undefined }, () =>
              setRedirecting(false),
            )
          }
        />
      )}
      <PauseDialog
        opened={pausing}
        onClose={() => setPausing(false)}
        reasons={(dirs.pauseReasons.data?.items ?? []).filter((r) => r.active)}
        busy={busy}
        onConfirm={(choice) => act({ kind: "pause", ...choice }, () => setPausing(false))}
      />
    </Stack>
  );
}

function ActionButton({
  keyCode,
  busy,
  children,
  ...props
}: {
  keyCode: string;
  busy: boolean;
  children: ReactNode;
  onClick: () => void;
  size?: "md" | "lg" | "xl";
  color?: string;
  variant?: "filled" | "light" | "default";
}) {
  return (
    <Button
      size={props.size ?? "lg"}
      color={props.color}
      variant={props.variant ?? "filled"}
      disabled={busy}
      onClick={props.onClick}
      rightSection={<Kbd size="xs">{keyLabel(keyCode)}</Kbd>}
    >
      {children}
    </Button>
  );
}

function CurrentTicket({
  ticket,
  serviceName,
  readOnly,
}: {
  ticket: Ticket | null;
  serviceName: (id: string) => string;
  readOnly: boolean;
}) {
  const { t, i18n } = useTranslation(NS);
  const now = useNow(1000);
  const dirs = useDirectories();
  if (!ticket) {
    return (
      <Card withBorder padding="xl" data-testid="current-ticket">
        <Title order={3} c="dimmed">
          {t("ticket.none")}
        </Title>
        {!readOnly && <Text c="dimmed">{t("ticket.noneHint")}</Text>}
      </Card>
    );
  }
  const category = ticket.categoryId
    ? dirs.categories.data?.items.find((c) => c.id === ticket.categoryId)
    : null;
  const phaseStart = ticket.status === "serving" ? ticket.startedAt : ticket.calledAt;
  return (
    <Card withBorder padding="xl" data-testid="current-ticket">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text fz={64} fw={800} lh={1} data-testid="current-label">
            {ticket.label}
          </Text>
          <Text size="lg" fw={600}>
            {serviceName(ticket.serviceId)}
          </Text>
          {category && (
            <Badge color="grape" variant="light">
              {t("ticket.category")}: {localName(category, i18n.language)}
            </Badge>
          )}
        </Stack>
        <Stack gap={2} align="flex-end">
          <Text size="sm" c="dimmed">
            {ticket.status === "serving" ? t("ticket.servingFor") : t("ticket.calledFor")}
          </Text>
          <Text fz={36} fw={700} ff="monospace" data-testid="phase-timer">
            {duration(secondsBetween(phaseStart, now))}
          </Text>
          <Text size="sm" c="dimmed">
            {t("ticket.waited")}: {duration(secondsBetween(ticket.enqueuedAt, ticket.calledAt))}
          </Text>
          {ticket.callCount > 1 && (
            <Badge color="yellow">{t("ticket.calls", { count: ticket.callCount })}</Badge>
          )}
        </Stack>
      </Group>
      {ticket.note && (
        <Text mt="md" size="sm">
          <b>{t("ticket.note")}:</b> {ticket.note}
        </Text>
      )}
    </Card>
  );
}

function RedirectDialog(props: {
  opened: boolean;
  onClose: () => void;
  services: { id: string; name: string; translations: Partial<Record<string, string>> }[];
  busy: boolean;
  onConfirm: (serviceId: string, note: string) => void;
}) {
  const { t, i18n } = useTranslation(NS);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [note, setNote] = useState("");
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t("actions.redirect")}>
      <Stack>
        <Select
          label={t("actions.redirectTo")}
          data={props.services.map((s) => ({ value: s.id, label: localName(s, i18n.language) }))}
          value={serviceId}
          onChange={setServiceId}
          searchable
          data-autofocus
        />
        <Textarea
          label={t("actions.redirectNote")}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={2000}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("actions.cancel")}
          </Button>
          <Button
            disabled={!serviceId || props.busy}
            onClick={() => serviceId && props.onConfirm(serviceId, note.trim())}
          >
            {t("actions.confirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PauseDialog(props: {
  opened: boolean;
  onClose: () => void;
  reasons: { id: string; name: string; translations: Partial<Record<string, string>> }[];
  busy: boolean;
  onConfirm: (choice: { reasonId?: string; reason?: string }) => void;
}) {
  const { t, i18n } = useTranslation(NS);
  const [choice, setChoice] = useState<string>("");
  const [other, setOther] = useState("");
  const ready = choice === "other" ? other.trim().length > 0 : choice !== "";
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t("actions.pause")}>
      <Stack>
        <Radio.Group label={t("actions.pauseReason")} value={choice} onChange={setChoice}>
          <Stack gap="xs" mt="xs">
            {props.reasons.map((r) => (
              <Radio key={r.id} value={r.id} label={localName(r, i18n.language)} />
            ))}
            <Radio value="other" label={t("actions.otherReason")} />
          </Stack>
        </Radio.Group>
        {choice === "other" && (
          <TextInput
            aria-label={t("actions.otherReason")}
            value={other}
            onChange={(e) => setOther(e.currentTarget.value)}
            maxLength={200}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("actions.cancel")}
          </Button>
          <Button
            disabled={!ready || props.busy}
            onClick={() =>
              props.onConfirm(choice === "other" ? { reason: other.trim() } : { reasonId: choice })
            }
          >
            {t("actions.confirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import type { Category, SendTarget, Service, Ticket } from "@dq/shared";
import { Alert, Button, Group, Modal, Select, Stack, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../app/api.ts";
import { errorMessage } from "../../../app/errors.ts";
import { localName } from "../../operator/format.ts";
import { NS } from "../texts.ts";
import type { Change } from "./changes.ts";

/** The changes of a waiting ticket that ask for one choice: its category, its service, a workstation. */
export type DialogKind = "category" | "move" | "send";

export type DialogOption = { value: string; label: string; disabled?: boolean };

/**
 * The choices of a dialog: active categories (or none), the other services, or the workstations
 * that serve the ticket's service (as the server lists them); only those with a free operator can
 * be chosen, the others say why not.
 */
export function changeOptions(
  kind: DialogKind,
  ticket: Ticket,
  sources: { categories: Category[]; leaves: Service[]; sendTargets: SendTarget[] },
  t: TFunction,
  language: string,
): DialogOption[] {
  switch (kind) {
    case "category":
      return [
        { value: "", label: t("queue.noCategory") },
        ...sources.categories
          .filter((c) => c.active)
          .map((c) => ({ value: c.id, label: localName(c, language) })),
      ];
    case "move":
      return sources.leaves
        .filter((s) => s.id !== ticket.serviceId)
        .map((s) => ({ value: s.id, label: localName(s, language) }));
    case "send":
      return sources.sendTargets.map((w) => {
        const why = !w.employee
          ? t("queue.sendNobody")
          : w.status === "paused"
            ? t("queue.sendPaused")
            : w.status !== "free"
              ? t("queue.sendBusy")
              : null;
        const who = w.employee ? w.employee.name : t("queue.sendNobody");
        return {
          value: w.id,
          label: why && w.employee ? `${w.name} — ${who} (${why})` : `${w.name} — ${who}`,
          disabled: why !== null,
        };
      });
  }
}

/** The change a dialog's choice makes ("" is "no category"). */
export function changeOf(kind: DialogKind, ticket: Ticket, value: string): Change {
  switch (kind) {
    case "category":
      return { kind: "category", ticket, categoryId: value || null };
    case "move":
      return { kind: "move", ticket, serviceId: value };
    case "send":
      return { kind: "send", ticket, workstationId: value };
  }
}

/** A failed change in the supervisor's words (the operator's texts would address him as the operator). */
function failure(t: TFunction, kind: DialogKind, error: unknown): string {
  const key = `queue.sendErrors.${error instanceof ApiError ? error.code : ""}`;
  return kind === "send" && error instanceof ApiError && t(key) !== key ? t(key) : errorMessage(t, error);
}

export function ChangeDialog(props: {
  kind: DialogKind;
  ticket: Ticket;
  options: DialogOption[];
  /** The options are still being read. */
  loading?: boolean;
  /** Why the last try failed; shown in the dialog, which stays open. */
  error: unknown;
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
        {props.kind === "send" && !props.loading && props.options.length === 0 && (
          <Text c="dimmed" size="sm">
            {t("queue.sendNoWindow")}
          </Text>
        )}
        {props.error != null && <Alert color="red">{failure(t, props.kind, props.error)}</Alert>}
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

import type { Category, Dashboard, Service, Ticket } from "@dq/shared";
import { Button, Group, Modal, Select, Stack } from "@mantine/core";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { localName } from "../../operator/format.ts";
import { NS } from "../texts.ts";
import type { Change } from "./changes.ts";

/** The changes of a waiting ticket that ask for one choice: its category, its service, a workstation. */
export type DialogKind = "category" | "move" | "send";

/** The choices of a dialog: active categories (or none), the other services, or the free workstations. */
export function changeOptions(
  kind: DialogKind,
  ticket: Ticket,
  sources: { categories: Category[]; leaves: Service[]; dashboard: Dashboard | undefined },
  t: TFunction,
  language: string,
): { value: string; label: string }[] {
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
      return (sources.dashboard?.workstations ?? [])
        .filter((w) => w.employee && !w.ticket && w.status !== "paused")
        .map((w) => ({ value: w.id, label: `${w.name} — ${w.employee!.name}` }));
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

export function ChangeDialog(props: {
  kind: DialogKind;
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

import { Modal, Select, Stack, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DialogButtons } from "./DialogButtons.tsx";
import { localName } from "./format.ts";
import { NS } from "./texts.ts";

/** Sends the client being served on to another service, with an optional note for its operator. */
export function RedirectDialog(props: {
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
        <DialogButtons
          ready={!!serviceId && !props.busy}
          onCancel={props.onClose}
          onConfirm={() => serviceId && props.onConfirm(serviceId, note.trim())}
        />
      </Stack>
    </Modal>
  );
}

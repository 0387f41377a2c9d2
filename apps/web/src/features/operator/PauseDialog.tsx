import { Modal, Radio, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DialogButtons } from "./DialogButtons.tsx";
import { localName } from "./format.ts";
import { NS } from "./texts.ts";

/** Asks why the operator pauses: one of the office's reasons, or his own words. */
export function PauseDialog(props: {
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
        <DialogButtons
          ready={ready && !props.busy}
          onCancel={props.onClose}
          onConfirm={() =>
            props.onConfirm(choice === "other" ? { reason: other.trim() } : { reasonId: choice })
          }
        />
      </Stack>
    </Modal>
  );
}

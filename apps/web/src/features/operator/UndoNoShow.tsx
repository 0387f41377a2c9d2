import { Alert, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNow } from "../../app/use-now.ts";
import { ActionButton } from "./ActionButton.tsx";
import { KEYS } from "./allowedActions.ts";
import { NS } from "./texts.ts";
import { type Undoable, undoSecondsLeft } from "./useWorkplaceControls.ts";

/** "The client did not come" just said: taking it back, with the seconds left to do so. */
export function UndoNoShow({
  undoable,
  busy,
  onUndo,
}: {
  undoable: Undoable;
  busy: boolean;
  onUndo: () => void;
}) {
  const { t } = useTranslation(NS);
  const left = undoSecondsLeft(undoable, useNow(250));
  if (left <= 0) return null;
  return (
    <Alert color="red" variant="light" data-testid="undo-no-show">
      <Group justify="space-between" wrap="wrap">
        <Text>{t("undo.text", { label: undoable.label })}</Text>
        <ActionButton keyCode={KEYS.undo} color="red" variant="light" size="md" busy={busy} onClick={onUndo}>
          {t("undo.button", { seconds: left })}
        </ActionButton>
      </Group>
    </Alert>
  );
}

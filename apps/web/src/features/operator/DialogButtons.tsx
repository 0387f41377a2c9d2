import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { NS } from "./texts.ts";

/** The foot of a workplace dialog: cancel, and confirm once the choice is made and nothing runs. */
export function DialogButtons({
  ready,
  onCancel,
  onConfirm,
}: {
  ready: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation(NS);
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t("actions.cancel")}
      </Button>
      <Button disabled={!ready} onClick={onConfirm}>
        {t("actions.confirm")}
      </Button>
    </Group>
  );
}

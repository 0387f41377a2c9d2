import { Button, Group } from "@mantine/core";
import { useDirectoryTranslation } from "./texts.ts";

/** The foot of an editing dialog: cancel, and save (busy while the request runs). */
export function FormActions(props: { onCancel: () => void; saving: boolean }) {
  const { t } = useDirectoryTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={props.onCancel}>
        {t("common.cancel")}
      </Button>
      <Button type="submit" loading={props.saving}>
        {t("common.save")}
      </Button>
    </Group>
  );
}

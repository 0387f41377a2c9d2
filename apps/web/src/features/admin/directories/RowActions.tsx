import { Button, Group } from "@mantine/core";
import type { ReactNode } from "react";
import { useDirectoryTranslation } from "./texts.ts";

/** Archive after the user confirms it by name; `confirmKey` for a warning of its own. */
export function ArchiveButton(props: {
  name: string;
  onArchive: () => void;
  confirmKey?: string;
  disabled?: boolean;
}) {
  const { t } = useDirectoryTranslation();
  return (
    <Button
      size="xs"
      variant="subtle"
      color="red"
      disabled={props.disabled}
      onClick={() =>
        window.confirm(t(props.confirmKey ?? "common.confirmArchive", { name: props.name })) &&
        props.onArchive()
      }
    >
      {t("common.archive")}
    </Button>
  );
}

/** A directory row's buttons: any of its own first, then edit and archive. */
export function RowActions(props: {
  name: string;
  onEdit: () => void;
  onArchive: () => void;
  children?: ReactNode;
}) {
  const { t } = useDirectoryTranslation();
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {props.children}
      <Button size="xs" variant="light" onClick={props.onEdit}>
        {t("common.edit")}
      </Button>
      <ArchiveButton name={props.name} onArchive={props.onArchive} />
    </Group>
  );
}

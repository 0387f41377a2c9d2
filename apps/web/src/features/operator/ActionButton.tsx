import { Button, Kbd } from "@mantine/core";
import type { ReactNode } from "react";
import { keyLabel } from "./shortcuts.ts";

/** A big workplace button that shows its keyboard shortcut. */
export function ActionButton({
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

import { Modal, type ModalProps, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** An open dialog whose title is set in bold (the plain Mantine title is for the simplest forms). */
export function TitledModal({
  title,
  plainTitle,
  ...props
}: Omit<ModalProps, "opened" | "title"> & { title: ReactNode; plainTitle?: boolean }) {
  return (
    <Modal
      opened
      title={
        plainTitle ? (
          title
        ) : (
          <Text span fw={700}>
            {title}
          </Text>
        )
      }
      {...props}
    />
  );
}

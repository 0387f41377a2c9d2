import { Alert, Stack } from "@mantine/core";
import type { TFunction } from "i18next";
import type { FormEventHandler, ReactNode } from "react";
import { FormActions } from "../directories/FormActions.tsx";
import { dirError, isFieldError, useDirectoryTranslation } from "../directories/texts.ts";
import { TitledModal } from "./TitledModal.tsx";

/**
 * A directory item's create/edit dialog: its fields, the request's failure unless the fields show
 * it, and cancel/save at the foot.
 */
export function FormModal(props: {
  title: ReactNode;
  plainTitle?: boolean;
  size?: string;
  onClose: () => void;
  onSubmit: FormEventHandler<HTMLFormElement>;
  /** The browser's own checks are off by default: the schema's messages show instead. */
  noValidate?: boolean;
  testId?: string;
  mutation: { error: unknown; isPending: boolean };
  /** Whether the failure has a message of its own; by default unless it names fields. */
  showError?: boolean;
  describeError?: (t: TFunction, error: unknown) => string;
  /** Under the failure, above the buttons. */
  notice?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useDirectoryTranslation();
  const { error } = props.mutation;
  const showError = Boolean(error) && (props.showError ?? !isFieldError(error));
  return (
    <TitledModal onClose={props.onClose} size={props.size} title={props.title} plainTitle={props.plainTitle}>
      <form onSubmit={props.onSubmit} noValidate={props.noValidate ?? true} data-testid={props.testId}>
        <Stack>
          {props.children}
          {showError && <Alert color="red">{(props.describeError ?? dirError)(t, error)}</Alert>}
          {props.notice}
          <FormActions onCancel={props.onClose} saving={props.mutation.isPending} />
        </Stack>
      </form>
    </TitledModal>
  );
}

import { useForm } from "@mantine/form";
import type { z } from "zod";
import { showFieldErrors } from "../directories/texts.ts";
import { zodValidate } from "../form.ts";

/** A create or update request as a form runs it: its state, and a run that reports how it ended. */
interface Request<Data, Variables> {
  mutate: (
    variables: Variables,
    options: { onSuccess: (data: Data) => void; onError: (error: unknown) => void },
  ) => void;
  error: unknown;
  isPending: boolean;
}

/** The two requests that save a directory item (those of `useDirectory`, or a create of its own). */
export interface SaveRequests<T, Created = T> {
  create: Request<Created, unknown>;
  update: Request<T, { id: string; body: unknown }>;
}

/** A body's errors by the shared schema the server validates it with, in the UI language. */
export const schemaErrors = <S>(schema: z.ZodType<S>, body: unknown) => zodValidate(schema)(body);

/**
 * The form of a directory item's dialog: `item` null creates one. It validates as `validate` says,
 * saves `body` (or `createBody` for a new item), shows the server's field errors on the fields
 * (`rename` maps a body field to the form's), and closes (or hands over what was created) on success.
 */
// biome-ignore lint/suspicious/noExplicitAny: the constraint Mantine's useForm puts on its values
export function useItemForm<T extends { id: string }, V extends Record<string, any>, Created = T>(options: {
  item: T | null;
  requests: SaveRequests<T, Created>;
  initialValues: V;
  validate: (values: V) => Record<string, string>;
  body: (values: V) => unknown;
  createBody?: (values: V) => unknown;
  /** Given the values sent too, for names that depend on them. */
  rename?: (field: string, values: V) => string;
  onClose: () => void;
  onCreated?: (created: Created) => void;
}) {
  const { item, requests } = options;
  const form = useForm<V>({ initialValues: options.initialValues, validate: options.validate });
  const submit = form.onSubmit((values) => {
    const { rename } = options;
    const onError = (error: unknown) =>
      showFieldErrors(form, error, rename && ((field) => rename(field, values)));
    if (item) {
      requests.update.mutate(
        { id: item.id, body: options.body(values) },
        { onSuccess: options.onClose, onError },
      );
    } else {
      const body = (options.createBody ?? options.body)(values);
      requests.create.mutate(body, { onSuccess: options.onCreated ?? options.onClose, onError });
    }
  });
  const mutation = item ? requests.update : requests.create;
  // What the dialog (FormModal) needs of it.
  return { form, dialog: { onSubmit: submit, onClose: options.onClose, mutation } };
}

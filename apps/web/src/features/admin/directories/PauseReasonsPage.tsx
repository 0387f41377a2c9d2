import { type PauseReason, pauseReasonCreateSchema, pauseReasonSchema } from "@dq/shared";
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { zodValidate } from "../form.ts";
import { useDirectory } from "../useDirectory.ts";
import { FormActions } from "./FormActions.tsx";
import { RowActions } from "./RowActions.tsx";
import { dirError, isFieldError, issueText, showFieldErrors, useDirectoryTranslation } from "./texts.ts";

interface Values {
  name: string;
  en: string;
  active: boolean;
}

const toBody = (v: Values) => ({
  name: v.name,
  translations: v.en.trim() ? { en: v.en.trim() } : {},
  active: v.active,
});

/** Reasons an operator gives for a pause («Обед», «Технический перерыв»…). */
export default function PauseReasonsPage() {
  const { t } = useDirectoryTranslation();
  const dir = useDirectory("pause-reasons", pauseReasonSchema);
  const [editing, setEditing] = useState<PauseReason | "new" | null>(null);
  const items = dir.list.data?.items ?? [];
  // A new form starts without the error the previous one ended with.
  const open = (r: PauseReason | "new") => {
    dir.create.reset();
    dir.update.reset();
    setEditing(r);
  };
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t("pauseReasons.title")}</Title>
          <Text c="dimmed" size="sm">
            {t("pauseReasons.hint")}
          </Text>
        </div>
        <Button onClick={() => open("new")}>{t("common.create")}</Button>
      </Group>
      {dir.list.error && <Alert color="red">{dirError(t, dir.list.error)}</Alert>}
      {dir.archive.error && (
        <Alert color="red" withCloseButton onClose={() => dir.archive.reset()}>
          {dirError(t, dir.archive.error)}
        </Alert>
      )}
      <Table striped highlightOnHover data-testid="pause-reasons">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("common.name")}</Table.Th>
            <Table.Th>{t("common.active")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id} data-testid="pause-reason-row">
              <Table.Td>
                {r.name}
                {r.translations.en && (
                  <Text span c="dimmed" size="sm">
                    {" "}
                    · {r.translations.en}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {r.active ? (
                  t("common.yes")
                ) : (
                  <Badge miw="max-content" color="gray">
                    {t("common.inactive")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <RowActions name={r.name} onEdit={() => open(r)} onArchive={() => dir.archive.mutate(r.id)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {dir.list.isSuccess && items.length === 0 && <Text c="dimmed">{t("common.empty")}</Text>}
      {editing && (
        <PauseReasonForm
          reason={editing === "new" ? null : editing}
          dir={dir}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function PauseReasonForm({
  reason,
  dir,
  onClose,
}: {
  reason: PauseReason | null;
  dir: ReturnType<typeof useDirectory<PauseReason>>;
  onClose: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const form = useForm<Values>({
    initialValues: {
      name: reason?.name ?? "",
      en: reason?.translations.en ?? "",
      active: reason?.active ?? true,
    },
    validate: (values) => zodValidate(pauseReasonCreateSchema, issueText)(toBody(values)),
  });
  const mutation = reason ? dir.update : dir.create;
  const rename = (field: string) => (field.startsWith("translations") ? "en" : field);
  const submit = form.onSubmit((values) => {
    const body = toBody(values);
    const onError = (error: unknown) => showFieldErrors(form, error, rename);
    if (reason) dir.update.mutate({ id: reason.id, body }, { onSuccess: onClose, onError });
    else dir.create.mutate(body, { onSuccess: onClose, onError });
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={reason ? t("pauseReasons.editTitle", { name: reason.name }) : t("pauseReasons.new")}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t("common.name")} data-autofocus withAsterisk {...form.getInputProps("name")} />
          <TextInput
            label={t("common.nameEn")}
            {...form.getInputProps("en")}
            error={form.errors.en ?? form.errors["translations.en"]}
          />
          <Switch label={t("common.active")} {...form.getInputProps("active", { type: "checkbox" })} />
          {mutation.error && !isFieldError(mutation.error) && (
            <Alert color="red">{dirError(t, mutation.error)}</Alert>
          )}
          <FormActions onCancel={onClose} saving={mutation.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

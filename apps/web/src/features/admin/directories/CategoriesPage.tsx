import { type Category, categoryCreateSchema, categorySchema } from "@dq/shared";
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { errorMessage } from "../../../app/errors.ts";
import { zodValidate } from "../form.ts";
import { useDirectory } from "../useDirectory.ts";
import { FormActions } from "./FormActions.tsx";
import { RowActions } from "./RowActions.tsx";
import { issueText, showFieldErrors, useDirectoryTranslation } from "./texts.ts";

interface Values {
  name: string;
  en: string;
  priority: number;
  sortOrder: number;
  active: boolean;
}

const toBody = (v: Values) => ({
  name: v.name,
  translations: v.en.trim() ? { en: v.en.trim() } : {},
  priority: v.priority,
  sortOrder: v.sortOrder,
  active: v.active,
});

/** Client categories (priority groups): the pattern the other directory screens follow. */
export default function CategoriesPage() {
  const { t } = useDirectoryTranslation();
  const dir = useDirectory("categories", categorySchema);
  const [editing, setEditing] = useState<Category | "new" | null>(null);
  const items = dir.list.data?.items ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("categories.title")}</Title>
        <Button onClick={() => setEditing("new")}>{t("common.create")}</Button>
      </Group>
      {dir.archive.error && <Alert color="red">{errorMessage(t, dir.archive.error)}</Alert>}
      <Table striped highlightOnHover data-testid="categories">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("common.name")}</Table.Th>
            <Table.Th>{t("categories.priority")}</Table.Th>
            <Table.Th>{t("common.active")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                {c.name}
                {c.translations.en && (
                  <Text span c="dimmed" size="sm">
                    {" "}
                    · {c.translations.en}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{c.priority}</Table.Td>
              <Table.Td>
                {c.active ? t("common.yes") : <Badge color="gray">{t("common.inactive")}</Badge>}
              </Table.Td>
              <Table.Td>
                <RowActions
                  name={c.name}
                  onEdit={() => setEditing(c)}
                  onArchive={() => dir.archive.mutate(c.id)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {dir.list.isSuccess && items.length === 0 && <Text c="dimmed">{t("common.empty")}</Text>}
      {editing && (
        <CategoryForm
          category={editing === "new" ? null : editing}
          dir={dir}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function CategoryForm({
  category,
  dir,
  onClose,
}: {
  category: Category | null;
  dir: ReturnType<typeof useDirectory<Category>>;
  onClose: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const form = useForm<Values>({
    initialValues: {
      name: category?.name ?? "",
      en: category?.translations.en ?? "",
      priority: category?.priority ?? 1,
      sortOrder: category?.sortOrder ?? 0,
      active: category?.active ?? true,
    },
    // The server's own schema, so the form refuses what the API would.
    validate: (values) => zodValidate(categoryCreateSchema, issueText)(toBody(values)),
  });
  const mutation = category ? dir.update : dir.create;
  const submit = form.onSubmit((values) => {
    const body = toBody(values);
    const onError = (error: unknown) =>
      showFieldErrors(form, error, (f) => (f === "translations.en" ? "en" : f));
    if (category) dir.update.mutate({ id: category.id, body }, { onSuccess: onClose, onError });
    else dir.create.mutate(body, { onSuccess: onClose, onError });
  });
  return (
    <Modal opened onClose={onClose} title={category ? t("common.edit") : t("common.create")}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput label={t("common.name")} data-autofocus {...form.getInputProps("name")} />
          <TextInput
            label={t("common.nameEn")}
            {...form.getInputProps("en")}
            error={form.errors.en ?? form.errors["translations.en"]}
          />
          <NumberInput
            label={t("categories.priority")}
            description={t("categories.priorityHint")}
            min={0}
            max={100}
            {...form.getInputProps("priority")}
          />
          <NumberInput label={t("common.sortOrder")} {...form.getInputProps("sortOrder")} />
          <Switch label={t("common.active")} {...form.getInputProps("active", { type: "checkbox" })} />
          {mutation.error && !Object.keys(form.errors).length && (
            <Alert color="red">{errorMessage(t, mutation.error)}</Alert>
          )}
          <FormActions onCancel={onClose} saving={mutation.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

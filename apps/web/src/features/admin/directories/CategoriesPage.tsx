import { type Category, categoryCreateSchema, categorySchema } from "@dq/shared";
import { Badge, NumberInput, TextInput } from "@mantine/core";
import { errorMessage } from "../../../app/errors.ts";
import { DirectoryPage } from "../directory-kit/DirectoryPage.tsx";
import type { Column } from "../directory-kit/DirectoryTable.tsx";
import { FormModal } from "../directory-kit/FormModal.tsx";
import { ActiveSwitch, EnglishNameInput, TranslatedName } from "../directory-kit/fields.tsx";
import { useEditing } from "../directory-kit/useEditing.ts";
import { schemaErrors, useItemForm } from "../directory-kit/useItemForm.ts";
import { useDirectory } from "../useDirectory.ts";
import { RowActions } from "./RowActions.tsx";
import { useDirectoryTranslation } from "./texts.ts";

interface Values {
  name: string;
  en: string;
  priority: number;
  sortOrder: number;
  active: boolean;
}

type Dir = ReturnType<typeof useDirectory<Category>>;

const toBody = (v: Values) => ({
  name: v.name,
  translations: v.en.trim() ? { en: v.en.trim() } : {},
  priority: v.priority,
  sortOrder: v.sortOrder,
  active: v.active,
});

/** Client categories (priority groups): the simplest directory screen. */
export default function CategoriesPage() {
  const { t } = useDirectoryTranslation();
  const dir = useDirectory("categories", categorySchema);
  // This screen keeps a failed save's message until the next save (it does not reset on opening).
  const { editing, open, close } = useEditing<Category | "new">([]);
  const columns: Column<Category>[] = [
    { header: t("common.name"), cell: (c) => <TranslatedName name={c.name} en={c.translations.en} /> },
    { header: t("categories.priority"), cell: (c) => c.priority },
    { header: t("common.active"), cell: (c) => <CategoryActive active={c.active} /> },
    {
      cell: (c) => (
        <RowActions name={c.name} onEdit={() => open(c)} onArchive={() => dir.archive.mutate(c.id)} />
      ),
    },
  ];
  return (
    <DirectoryPage
      title={t("categories.title")}
      onCreate={() => open("new")}
      errors={[{ error: dir.archive.error, describe: errorMessage }]}
      items={dir.list.data?.items ?? []}
      columns={columns}
      rowKey={(c) => c.id}
      table={{ striped: true, highlightOnHover: true, "data-testid": "categories" }}
      loaded={dir.list.isSuccess}
    >
      {editing && <CategoryForm category={editing === "new" ? null : editing} dir={dir} onClose={close} />}
    </DirectoryPage>
  );
}

/** "Да", or an "inactive" badge (this screen's one is as wide as the column lets it be). */
function CategoryActive({ active }: { active: boolean }) {
  const { t } = useDirectoryTranslation();
  return active ? t("common.yes") : <Badge color="gray">{t("common.inactive")}</Badge>;
}

function CategoryForm({
  category,
  dir,
  onClose,
}: {
  category: Category | null;
  dir: Dir;
  onClose: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const { form, dialog } = useItemForm({
    item: category,
    requests: dir,
    initialValues: {
      name: category?.name ?? "",
      en: category?.translations.en ?? "",
      priority: category?.priority ?? 1,
      sortOrder: category?.sortOrder ?? 0,
      active: category?.active ?? true,
    },
    // The server's own schema, so the form refuses what the API would.
    validate: (values) => schemaErrors(categoryCreateSchema, toBody(values)),
    body: toBody,
    rename: (f) => (f === "translations.en" ? "en" : f),
    onClose,
  });
  return (
    <FormModal
      {...dialog}
      title={category ? t("common.edit") : t("common.create")}
      plainTitle
      // As it always was: this dialog never turned the browser's own checks off.
      noValidate={false}
      showError={!Object.keys(form.errors).length}
      describeError={errorMessage}
    >
      <TextInput label={t("common.name")} data-autofocus {...form.getInputProps("name")} />
      <EnglishNameInput form={form} />
      <NumberInput
        label={t("categories.priority")}
        description={t("categories.priorityHint")}
        min={0}
        max={100}
        {...form.getInputProps("priority")}
      />
      <NumberInput label={t("common.sortOrder")} {...form.getInputProps("sortOrder")} />
      <ActiveSwitch form={form} />
    </FormModal>
  );
}

import { type PauseReason, pauseReasonCreateSchema, pauseReasonSchema } from "@dq/shared";
import { TextInput } from "@mantine/core";
import { DirectoryPage } from "../directory-kit/DirectoryPage.tsx";
import type { Column } from "../directory-kit/DirectoryTable.tsx";
import { FormModal } from "../directory-kit/FormModal.tsx";
import { ActiveCell, ActiveSwitch, EnglishNameInput, TranslatedName } from "../directory-kit/fields.tsx";
import { useEditing } from "../directory-kit/useEditing.ts";
import { schemaErrors, useItemForm } from "../directory-kit/useItemForm.ts";
import { useDirectory } from "../useDirectory.ts";
import { RowActions } from "./RowActions.tsx";
import { useDirectoryTranslation } from "./texts.ts";

interface Values {
  name: string;
  en: string;
  active: boolean;
}

type Dir = ReturnType<typeof useDirectory<PauseReason>>;

const toBody = (v: Values) => ({
  name: v.name,
  translations: v.en.trim() ? { en: v.en.trim() } : {},
  active: v.active,
});

/** Reasons an operator gives for a pause («Обед», «Технический перерыв»…). */
export default function PauseReasonsPage() {
  const { t } = useDirectoryTranslation();
  const dir = useDirectory("pause-reasons", pauseReasonSchema);
  const { editing, open, close } = useEditing<PauseReason | "new">([dir.create, dir.update]);
  const columns: Column<PauseReason>[] = [
    { header: t("common.name"), cell: (r) => <TranslatedName name={r.name} en={r.translations.en} /> },
    { header: t("common.active"), cell: (r) => <ActiveCell active={r.active} /> },
    {
      cell: (r) => (
        <RowActions name={r.name} onEdit={() => open(r)} onArchive={() => dir.archive.mutate(r.id)} />
      ),
    },
  ];
  return (
    <DirectoryPage
      title={t("pauseReasons.title")}
      hint={t("pauseReasons.hint")}
      onCreate={() => open("new")}
      errors={[{ error: dir.list.error }, { error: dir.archive.error, onClose: () => dir.archive.reset() }]}
      items={dir.list.data?.items ?? []}
      columns={columns}
      rowKey={(r) => r.id}
      row={() => ({ "data-testid": "pause-reason-row" })}
      table={{ striped: true, highlightOnHover: true, "data-testid": "pause-reasons" }}
      loaded={dir.list.isSuccess}
    >
      {editing && <PauseReasonForm reason={editing === "new" ? null : editing} dir={dir} onClose={close} />}
    </DirectoryPage>
  );
}

function PauseReasonForm({
  reason,
  dir,
  onClose,
}: {
  reason: PauseReason | null;
  dir: Dir;
  onClose: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const { form, dialog } = useItemForm({
    item: reason,
    requests: dir,
    initialValues: {
      name: reason?.name ?? "",
      en: reason?.translations.en ?? "",
      active: reason?.active ?? true,
    },
    validate: (values) => schemaErrors(pauseReasonCreateSchema, toBody(values)),
    body: toBody,
    rename: (field) => (field.startsWith("translations") ? "en" : field),
    onClose,
  });
  return (
    <FormModal
      {...dialog}
      title={reason ? t("pauseReasons.editTitle", { name: reason.name }) : t("pauseReasons.new")}
      plainTitle
    >
      <TextInput label={t("common.name")} data-autofocus withAsterisk {...form.getInputProps("name")} />
      <EnglishNameInput form={form} />
      <ActiveSwitch form={form} />
    </FormModal>
  );
}

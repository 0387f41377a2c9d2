import { type Service, type Workstation, workstationCreateSchema, workstationSchema } from "@dq/shared";
import { Badge, Group, MultiSelect, SimpleGrid, Text, TextInput } from "@mantine/core";
import type { TFunction } from "i18next";
import { DirectoryPage } from "../directory-kit/DirectoryPage.tsx";
import type { Column } from "../directory-kit/DirectoryTable.tsx";
import { FormModal } from "../directory-kit/FormModal.tsx";
import { ActiveCell, ActiveSwitch } from "../directory-kit/fields.tsx";
import { useEditing } from "../directory-kit/useEditing.ts";
import { schemaErrors, useItemForm } from "../directory-kit/useItemForm.ts";
import { useDirectory } from "../useDirectory.ts";
import { RowActions } from "./RowActions.tsx";
import { serviceChoices, useDirectoryTranslation } from "./texts.ts";
import { useLocalServices } from "./useLocalServices.ts";

interface Values {
  number: string;
  name: string;
  spokenName: string;
  serviceIds: string[];
  active: boolean;
}

type Dir = ReturnType<typeof useDirectory<Workstation>>;

const toBody = (v: Values) => ({
  number: v.number.trim(),
  name: v.name,
  spokenName: v.spokenName.trim(),
  serviceIds: v.serviceIds,
  active: v.active,
});

/** «Рабочие места»: windows and rooms — their number, how the voice calls them, what they serve. */
export default function WorkstationsPage() {
  const { t } = useDirectoryTranslation();
  const dir = useDirectory("workstations", workstationSchema);
  const services = useLocalServices();
  const { editing, open, close } = useEditing<Workstation | "new">([dir.create, dir.update]);
  const columns = workstationColumns(t, services, {
    onEdit: open,
    onArchive: (w) => dir.archive.mutate(w.id),
  });
  return (
    <DirectoryPage
      title={t("workstations.title")}
      hint={t("workstations.hint")}
      onCreate={() => open("new")}
      errors={[
        {
          error: dir.archive.error ?? dir.list.error,
          onClose: () => dir.archive.reset(),
          testId: "workstations-error",
        },
      ]}
      items={dir.list.data?.items ?? []}
      columns={columns}
      rowKey={(w) => w.id}
      row={() => ({ "data-testid": "workstation-row" })}
      table={{ striped: true, highlightOnHover: true, "data-testid": "workstations" }}
      loaded={dir.list.isSuccess}
    >
      {editing && (
        <WorkstationForm
          workstation={editing === "new" ? null : editing}
          services={services}
          dir={dir}
          onClose={close}
        />
      )}
    </DirectoryPage>
  );
}

function workstationColumns(
  t: TFunction,
  services: Service[],
  actions: { onEdit: (w: Workstation) => void; onArchive: (w: Workstation) => void },
): Column<Workstation>[] {
  return [
    {
      header: t("workstations.number"),
      cell: (w) => (
        <Text fw={700} size="lg">
          {w.number}
        </Text>
      ),
    },
    { header: t("workstations.name"), cell: (w) => w.name },
    {
      header: t("workstations.spokenName"),
      cell: (w) => (
        <Text size="sm" c={w.spokenName ? undefined : "dimmed"} fs={w.spokenName ? "italic" : undefined}>
          {w.spokenName || w.number}
        </Text>
      ),
    },
    {
      header: t("workstations.services"),
      cell: (w) => <ServiceBadges ids={w.serviceIds} services={services} />,
    },
    {
      header: t("workstations.operator"),
      td: { "data-testid": "workstation-operator" },
      cell: (w) =>
        w.operator ? (
          <Badge miw="max-content" color="green" variant="dot" tt="none">
            {w.operator.name}
          </Badge>
        ) : (
          <Text c="dimmed">{t("workstations.nobody")}</Text>
        ),
    },
    { header: t("common.active"), cell: (w) => <ActiveCell active={w.active} /> },
    {
      cell: (w) => (
        <RowActions name={w.name} onEdit={() => actions.onEdit(w)} onArchive={() => actions.onArchive(w)} />
      ),
    },
  ];
}

/** The services a workstation serves, each in its colour with its prefix. */
function ServiceBadges({ ids, services }: { ids: string[]; services: Service[] }) {
  const { t } = useDirectoryTranslation();
  const byId = new Map(services.map((s) => [s.id, s]));
  return (
    <Group gap={4}>
      {ids.map((id) => {
        const s = byId.get(id);
        return (
          <Badge miw="max-content" key={id} variant="light" color={s?.color ?? "gray"} tt="none" fw={500}>
            {s?.prefix ? `${s.prefix} · ` : ""}
            {s?.name ?? id}
          </Badge>
        );
      })}
      {ids.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("workstations.noServices")}
        </Text>
      )}
    </Group>
  );
}

function WorkstationForm({
  workstation,
  services,
  dir,
  onClose,
}: {
  workstation: Workstation | null;
  services: Service[];
  dir: Dir;
  onClose: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const { form, dialog } = useItemForm({
    item: workstation,
    requests: dir,
    initialValues: {
      number: workstation?.number ?? "",
      name: workstation?.name ?? "",
      spokenName: workstation?.spokenName ?? "",
      serviceIds: workstation?.serviceIds ?? [],
      active: workstation?.active ?? true,
    },
    validate: (values) => schemaErrors(workstationCreateSchema, toBody(values)),
    body: toBody,
    rename: (field) => (field.startsWith("serviceIds") ? "serviceIds" : field),
    onClose,
  });
  return (
    <FormModal
      {...dialog}
      title={
        workstation ? t("workstations.editTitle", { number: workstation.number }) : t("workstations.new")
      }
      size="lg"
      testId="workstation-form"
    >
      <SimpleGrid cols={2}>
        <TextInput
          label={t("workstations.number")}
          description={t("workstations.numberHint")}
          withAsterisk
          data-autofocus
          maxLength={8}
          {...form.getInputProps("number")}
        />
        <TextInput
          label={t("workstations.name")}
          description={"\u00a0"}
          placeholder={t("workstations.namePlaceholder")}
          withAsterisk
          {...form.getInputProps("name")}
        />
      </SimpleGrid>
      <TextInput
        label={t("workstations.spokenName")}
        description={t("workstations.spokenHint")}
        placeholder={t("workstations.spokenPlaceholder")}
        {...form.getInputProps("spokenName")}
      />
      <MultiSelect
        label={t("workstations.services")}
        description={t("workstations.servicesHint")}
        data={serviceChoices(services)}
        searchable
        clearable
        hidePickedOptions
        nothingFoundMessage={t("common.empty")}
        {...form.getInputProps("serviceIds")}
      />
      <ActiveSwitch form={form} />
    </FormModal>
  );
}

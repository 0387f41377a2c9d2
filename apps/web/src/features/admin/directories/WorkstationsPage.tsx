import {
  type Service,
  serviceSchema,
  type Workstation,
  workstationCreateSchema,
  workstationSchema,
} from "@dq/shared";
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  SimpleGrid,
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
import {
  dirError,
  isFieldError,
  issueText,
  serviceChoices,
  showFieldErrors,
  useDirectoryTranslation,
} from "./texts.ts";

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
  const services = useDirectory("services", serviceSchema).list.data?.items ?? [];
  const [editing, setEditing] = useState<Workstation | "new" | null>(null);
  const items = dir.list.data?.items ?? [];
  const byId = new Map(services.map((s) => [s.id, s]));
  const open = (w: Workstation | "new") => {
    dir.create.reset();
    dir.update.reset();
    setEditing(w);
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t("workstations.title")}</Title>
          <Text c="dimmed" size="sm">
            {t("workstations.hint")}
          </Text>
        </div>
        <Button onClick={() => open("new")}>{t("common.create")}</Button>
      </Group>
      {(dir.archive.error ?? dir.list.error) && (
        <Alert
          color="red"
          withCloseButton
          onClose={() => dir.archive.reset()}
          data-testid="workstations-error"
        >
          {dirError(t, dir.archive.error ?? dir.list.error)}
        </Alert>
      )}
      <Table striped highlightOnHover data-testid="workstations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("workstations.number")}</Table.Th>
            <Table.Th>{t("workstations.name")}</Table.Th>
            <Table.Th>{t("workstations.spokenName")}</Table.Th>
            <Table.Th>{t("workstations.services")}</Table.Th>
            <Table.Th>{t("workstations.operator")}</Table.Th>
            <Table.Th>{t("common.active")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((w) => (
            <Table.Tr key={w.id} data-testid="workstation-row">
              <Table.Td>
                <Text fw={700} size="lg">
                  {w.number}
                </Text>
              </Table.Td>
              <Table.Td>{w.name}</Table.Td>
              <Table.Td>
                <Text
                  size="sm"
                  c={w.spokenName ? undefined : "dimmed"}
                  fs={w.spokenName ? "italic" : undefined}
                >
                  {w.spokenName || w.number}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {w.serviceIds.map((id) => {
                    const s = byId.get(id);
                    return (
                      <Badge
                        miw="max-content"
                        key={id}
                        variant="light"
                        color={s?.color ?? "gray"}
                        tt="none"
                        fw={500}
                      >
                        {s?.prefix ? `${s.prefix} · ` : ""}
                        {s?.name ?? id}
                      </Badge>
                    );
                  })}
                  {w.serviceIds.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t("workstations.noServices")}
                    </Text>
                  )}
                </Group>
              </Table.Td>
              <Table.Td data-testid="workstation-operator">
                {w.operator ? (
                  <Badge miw="max-content" color="green" variant="dot" tt="none">
                    {w.operator.name}
                  </Badge>
                ) : (
                  <Text c="dimmed">{t("workstations.nobody")}</Text>
                )}
              </Table.Td>
              <Table.Td>
                {w.active ? (
                  t("common.yes")
                ) : (
                  <Badge miw="max-content" color="gray">
                    {t("common.inactive")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <RowActions name={w.name} onEdit={() => open(w)} onArchive={() => dir.archive.mutate(w.id)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {dir.list.isSuccess && items.length === 0 && <Text c="dimmed">{t("common.empty")}</Text>}
      {editing && (
        <WorkstationForm
          workstation={editing === "new" ? null : editing}
          services={services}
          dir={dir}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
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
  const form = useForm<Values>({
    initialValues: {
      number: workstation?.number ?? "",
      name: workstation?.name ?? "",
      spokenName: workstation?.spokenName ?? "",
      serviceIds: workstation?.serviceIds ?? [],
      active: workstation?.active ?? true,
    },
    validate: (values) => zodValidate(workstationCreateSchema, issueText)(toBody(values)),
  });
  const mutation = workstation ? dir.update : dir.create;
  const rename = (field: string) => (field.startsWith("serviceIds") ? "serviceIds" : field);
  const submit = form.onSubmit((values) => {
    const body = toBody(values);
    const onError = (error: unknown) => showFieldErrors(form, error, rename);
    if (workstation) dir.update.mutate({ id: workstation.id, body }, { onSuccess: onClose, onError });
    else dir.create.mutate(body, { onSuccess: onClose, onError });
  });
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={
        <Text span fw={700}>
          {workstation ? t("workstations.editTitle", { number: workstation.number }) : t("workstations.new")}
        </Text>
      }
    >
      <form onSubmit={submit} noValidate data-testid="workstation-form">
        <Stack>
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

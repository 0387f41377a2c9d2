import {
  DEVICE_KINDS,
  type Device,
  deviceCreatedSchema,
  deviceCreateSchema,
  devicePatchSchema,
  type Service,
  type Workstation,
} from "@dq/shared";
import {
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../../app/api.ts";
import { FormModal } from "../../directory-kit/FormModal.tsx";
import { schemaErrors, useItemForm } from "../../directory-kit/useItemForm.ts";
import type { useDirectory } from "../../useDirectory.ts";
import { serviceTree, useDirectoryTranslation } from "../texts.ts";
import {
  type CreatedDevice,
  configOf,
  type DeviceValues,
  deviceValues,
  formField,
  renameKeys,
} from "./config.ts";

type Form = UseFormReturnType<DeviceValues>;

/** Creation answers with the token, which the generic directory hook would not keep. */
function useCreateDevice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api.post("/api/v1/devices", body, deviceCreatedSchema),
    onSuccess: () => client.invalidateQueries({ queryKey: ["dir", "devices"] }),
  });
}

const bodyOf = (v: DeviceValues) => ({ name: v.name, config: configOf(v) });

export function DeviceForm({
  device,
  services,
  workstations,
  dir,
  onCreated,
  onClose,
}: {
  device: Device | null;
  services: Service[];
  workstations: Workstation[];
  dir: ReturnType<typeof useDirectory<Device>>;
  onCreated: (device: CreatedDevice) => void;
  onClose: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const create = useCreateDevice();
  const { form, dialog } = useItemForm({
    item: device,
    requests: { update: dir.update, create },
    initialValues: deviceValues(device),
    validate: (values) =>
      renameKeys(
        device
          ? schemaErrors(devicePatchSchema, bodyOf(values))
          : schemaErrors(deviceCreateSchema, { kind: values.kind, ...bodyOf(values) }),
      ),
    body: bodyOf,
    createBody: (values) => ({ ...bodyOf(values), kind: values.kind }),
    rename: formField,
    onClose,
    onCreated,
  });
  const v = form.getValues();
  return (
    <FormModal
      {...dialog}
      title={device ? t("devices.editTitle", { name: device.name }) : t("devices.new")}
      size="lg"
      testId="device-form"
    >
      {!device && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("devices.kind")}
          </Text>
          <SegmentedControl
            aria-label={t("devices.kind")}
            data={DEVICE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            {...form.getInputProps("kind")}
          />
        </Stack>
      )}
      <TextInput
        label={t("devices.name")}
        placeholder={t("devices.namePlaceholder")}
        withAsterisk
        data-autofocus
        {...form.getInputProps("name")}
      />
      {v.kind === "kiosk" && <KioskOptions form={form} services={services} />}
      {v.kind === "board" && <BoardOptions form={form} workstations={workstations} />}
      {(v.kind === "counter" || v.kind === "feedback") && (
        <Text size="sm" c="dimmed">
          {t("devices.noConfig")}
        </Text>
      )}
    </FormModal>
  );
}

/** The language a screen speaks: the office's, or one of its own. */
function LanguageSelect({ form }: { form: Form }) {
  const { t } = useDirectoryTranslation();
  const languages = [
    { value: "office", label: t("devices.officeLanguage") },
    { value: "ru", label: t("languages.ru") },
    { value: "en", label: t("languages.en") },
  ];
  return (
    <Select
      label={t("devices.language")}
      data={languages}
      allowDeselect={false}
      {...form.getInputProps("language")}
    />
  );
}

function KioskOptions({ form, services }: { form: Form; services: Service[] }) {
  const { t } = useDirectoryTranslation();
  const choices = serviceTree(services).map((r) => ({
    value: r.service.id,
    label: r.service.isGroup ? `${r.path} · ${t("services.group").toLowerCase()}` : r.path,
  }));
  return (
    <>
      <MultiSelect
        label={t("devices.kioskServices")}
        description={t("devices.kioskServicesHint")}
        placeholder={form.getValues().serviceIds.length ? undefined : t("devices.allServices")}
        data={choices}
        searchable
        clearable
        hidePickedOptions
        {...form.getInputProps("serviceIds")}
      />
      <SimpleGrid cols={2}>
        <Switch
          label={t("devices.showCategories")}
          {...form.getInputProps("showCategories", { type: "checkbox" })}
        />
        <Switch label={t("devices.autoPrint")} {...form.getInputProps("autoPrint", { type: "checkbox" })} />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("devices.paperWidth")}
          </Text>
          <SegmentedControl
            aria-label={t("devices.paperWidth")}
            data={["80", "58"]}
            {...form.getInputProps("paperWidth")}
          />
        </Stack>
        <LanguageSelect form={form} />
      </SimpleGrid>
    </>
  );
}

function BoardOptions({ form, workstations }: { form: Form; workstations: Workstation[] }) {
  const { t } = useDirectoryTranslation();
  const chosen = form.getValues().workstationNumbers;
  const choices = workstations.map((w) => ({ value: w.number, label: `${w.number} — ${w.name}` }));
  // Numbers already chosen stay choosable even if the workstation is gone.
  for (const n of chosen) {
    if (!choices.some((w) => w.value === n)) choices.push({ value: n, label: n });
  }
  return (
    <>
      <MultiSelect
        label={t("devices.boardWindows")}
        description={t("devices.boardWindowsHint")}
        placeholder={chosen.length ? undefined : t("devices.allWindows")}
        data={choices}
        searchable
        clearable
        hidePickedOptions
        {...form.getInputProps("workstationNumbers")}
      />
      <SimpleGrid cols={2}>
        <Switch label={t("devices.voice")} mt="lg" {...form.getInputProps("voice", { type: "checkbox" })} />
        <LanguageSelect form={form} />
      </SimpleGrid>
    </>
  );
}

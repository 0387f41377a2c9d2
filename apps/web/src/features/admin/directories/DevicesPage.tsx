import {
  DEVICE_KINDS,
  type Device,
  type DeviceConfig,
  type DeviceKind,
  deviceCreatedSchema,
  deviceCreateSchema,
  devicePatchSchema,
  deviceSchema,
  type Service,
  serviceSchema,
  type Workstation,
  workstationSchema,
} from "@dq/shared";
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useState } from "react";
import { api } from "../../../app/api.ts";
import { QrCode } from "../../kiosk/QrCode.tsx";
import { zodValidate } from "../form.ts";
import { useDirectory } from "../useDirectory.ts";
import { FormActions } from "./FormActions.tsx";
import {
  dirError,
  isFieldError,
  issueText,
  serviceTree,
  showFieldErrors,
  useDirectoryTranslation,
} from "./texts.ts";

interface Values {
  kind: DeviceKind;
  name: string;
  serviceIds: string[];
  showCategories: boolean;
  autoPrint: boolean;
  paperWidth: string;
  /** "office" follows the office's default language. */
  language: string;
  workstationNumbers: string[];
  voice: boolean;
}

type Created = Device & { token: string };

const KIND_COLOR: Record<DeviceKind, string> = {
  kiosk: "blue",
  board: "teal",
  counter: "grape",
  feedback: "orange",
};

/** The options a device of this kind has; the other kinds' options are not kept. */
function configOf(v: Values): DeviceConfig {
  const language: DeviceConfig = v.language === "ru" || v.language === "en" ? { language: v.language } : {};
  if (v.kind === "kiosk") {
    return {
      serviceIds: v.serviceIds,
      showCategories: v.showCategories,
      autoPrint: v.autoPrint,
      paperWidth: v.paperWidth === "58" ? 58 : 80,
      ...language,
    };
  }
  if (v.kind === "board") return { workstationNumbers: v.workstationNumbers, voice: v.voice, ...language };
  return {};
}

/** Errors come back named as the body names them (`config.serviceIds.0`); the form's fields are flat. */
const formField = (field: string) => field.replace(/^config\./, "").replace(/\.\d+$/, "");
const renameKeys = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [formField(k), v]));

/** The address that sets the device up: its screen, with the token (kept by the device, then hidden). */
function deviceUrl(kind: DeviceKind, token: string, counterNumber: string): string {
  const origin = window.location.origin;
  const q = `token=${encodeURIComponent(token)}`;
  if (kind === "counter") return `${origin}/counter/${encodeURIComponent(counterNumber.trim() || "1")}?${q}`;
  return `${origin}/${kind}?${q}`;
}

/** «Устройства»: kiosks, boards, counter displays and feedback tablets, each with its own revocable key. */
export default function DevicesPage() {
  const { t, i18n } = useDirectoryTranslation();
  const dir = useDirectory("devices", deviceSchema);
  const services = useDirectory("services", serviceSchema).list.data?.items ?? [];
  const workstations = useDirectory("workstations", workstationSchema).list.data?.items ?? [];
  const [editing, setEditing] = useState<Device | "new" | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const items = [...(dir.list.data?.items ?? [])].sort(
    (a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null),
  );
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "short", timeStyle: "short" });
  const open = (d: Device | "new") => {
    dir.update.reset();
    setEditing(d);
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t("devices.title")}</Title>
          <Text c="dimmed" size="sm">
            {t("devices.hint")}
          </Text>
        </div>
        <Button onClick={() => open("new")}>{t("common.create")}</Button>
      </Group>
      {(dir.archive.error ?? dir.list.error) && (
        <Alert color="red" withCloseButton onClose={() => dir.archive.reset()}>
          {dirError(t, dir.archive.error ?? dir.list.error)}
        </Alert>
      )}
      <Table striped highlightOnHover data-testid="devices">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("devices.name")}</Table.Th>
            <Table.Th>{t("devices.kind")}</Table.Th>
            <Table.Th>{t("devices.settings")}</Table.Th>
            <Table.Th>{t("devices.token")}</Table.Th>
            <Table.Th>{t("devices.lastSeen")}</Table.Th>
            <Table.Th>{t("devices.status")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => {
            const revoked = d.revokedAt !== null;
            return (
              <Table.Tr key={d.id} data-testid="device-row" opacity={revoked ? 0.6 : 1}>
                <Table.Td>
                  <Text fw={500} td={revoked ? "line-through" : undefined}>
                    {d.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge miw="max-content" color={KIND_COLOR[d.kind]} variant="light">
                    {t(`kinds.${d.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" maw={320}>
                    {configSummary(t, d, services)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Code>{d.tokenPrefix}…</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={d.lastSeenAt ? undefined : "dimmed"}>
                    {d.lastSeenAt ? when.format(new Date(d.lastSeenAt)) : t("devices.never")}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {revoked ? (
                    <>
                      <Badge miw="max-content" color="red" variant="light" data-testid="device-revoked">
                        {t("devices.revoked")}
                      </Badge>
                      <Text size="xs" c="dimmed" mt={2}>
                        {when.format(new Date(d.revokedAt!))}
                      </Text>
                    </>
                  ) : (
                    <Badge miw="max-content" color="green" variant="light">
                      {t("devices.working")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {!revoked && (
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button size="xs" variant="light" onClick={() => open(d)}>
                        {t("common.edit")}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        loading={dir.archive.isPending && dir.archive.variables === d.id}
                        onClick={() =>
                          window.confirm(t("devices.confirmRevoke", { name: d.name })) &&
                          dir.archive.mutate(d.id)
                        }
                      >
                        {t("devices.revoke")}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {dir.list.isSuccess && items.length === 0 && <Text c="dimmed">{t("common.empty")}</Text>}
      {editing && (
        <DeviceForm
          device={editing === "new" ? null : editing}
          services={services}
          workstations={workstations}
          dir={dir}
          onCreated={(d) => {
            setEditing(null);
            setCreated(d);
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {created && (
        <CreatedPanel device={created} workstations={workstations} onClose={() => setCreated(null)} />
      )}
    </Stack>
  );
}

function configSummary(t: TFunction, d: Device, services: Service[]): string {
  const c = d.config;
  const language = c.language ? t(`languages.${c.language}`) : null;
  if (d.kind === "kiosk") {
    const names = (c.serviceIds ?? []).map((id) => services.find((s) => s.id === id)?.name ?? id);
    return [
      names.length ? names.join(", ") : t("devices.allServices"),
      t("devices.mm", { n: c.paperWidth ?? 80 }),
      language,
    ]
      .filter(Boolean)
      .join(" · ");
  }
  if (d.kind === "board") {
    const windows = c.workstationNumbers ?? [];
    return [
      windows.length ? t("devices.windows", { list: windows.join(", ") }) : t("devices.allWindows"),
      language,
    ]
      .filter(Boolean)
      .join(" · ");
  }
  return "";
}

function DeviceForm({
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
  onCreated: (device: Created) => void;
  onClose: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const client = useQueryClient();
  // Creation answers with the token, which the generic directory hook would not keep.
  const create = useMutation({
    mutationFn: (body: unknown) => api.post("/api/v1/devices", body, deviceCreatedSchema),
    onSuccess: () => client.invalidateQueries({ queryKey: ["dir", "devices"] }),
  });
  const c = device?.config ?? {};
  const form = useForm<Values>({
    initialValues: {
      kind: device?.kind ?? "kiosk",
      name: device?.name ?? "",
      serviceIds: c.serviceIds ?? [],
      showCategories: c.showCategories ?? false,
      autoPrint: c.autoPrint ?? true,
      paperWidth: String(c.paperWidth ?? 80),
      language: c.language ?? "office",
      workstationNumbers: c.workstationNumbers ?? [],
      voice: c.voice ?? true,
    },
    validate: (values) =>
      renameKeys(
        device
          ? zodValidate(devicePatchSchema, issueText)({ name: values.name, config: configOf(values) })
          : zodValidate(
              deviceCreateSchema,
              issueText,
            )({ kind: values.kind, name: values.name, config: configOf(values) }),
      ),
  });
  const mutation = device ? dir.update : create;
  const submit = form.onSubmit((values) => {
    const onError = (error: unknown) => showFieldErrors(form, error, formField);
    const body = { name: values.name, config: configOf(values) };
    if (device) dir.update.mutate({ id: device.id, body }, { onSuccess: onClose, onError });
    else create.mutate({ ...body, kind: values.kind }, { onSuccess: onCreated, onError });
  });
  const v = form.getValues();
  const languages = [
    { value: "office", label: t("devices.officeLanguage") },
    { value: "ru", label: t("languages.ru") },
    { value: "en", label: t("languages.en") },
  ];
  const serviceChoices = serviceTree(services).map((r) => ({
    value: r.service.id,
    label: r.service.isGroup ? `${r.path} · ${t("services.group").toLowerCase()}` : r.path,
  }));
  const windowChoices = workstations.map((w) => ({ value: w.number, label: `${w.number} — ${w.name}` }));
  // Numbers already chosen stay choosable even if the workstation is gone.
  for (const n of v.workstationNumbers) {
    if (!windowChoices.some((w) => w.value === n)) windowChoices.push({ value: n, label: n });
  }

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={
        <Text span fw={700}>
          {device ? t("devices.editTitle", { name: device.name }) : t("devices.new")}
        </Text>
      }
    >
      <form onSubmit={submit} noValidate data-testid="device-form">
        <Stack>
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
          {v.kind === "kiosk" && (
            <>
              <MultiSelect
                label={t("devices.kioskServices")}
                description={t("devices.kioskServicesHint")}
                placeholder={v.serviceIds.length ? undefined : t("devices.allServices")}
                data={serviceChoices}
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
                <Switch
                  label={t("devices.autoPrint")}
                  {...form.getInputProps("autoPrint", { type: "checkbox" })}
                />
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
                <Select
                  label={t("devices.language")}
                  data={languages}
                  allowDeselect={false}
                  {...form.getInputProps("language")}
                />
              </SimpleGrid>
            </>
          )}
          {v.kind === "board" && (
            <>
              <MultiSelect
                label={t("devices.boardWindows")}
                description={t("devices.boardWindowsHint")}
                placeholder={v.workstationNumbers.length ? undefined : t("devices.allWindows")}
                data={windowChoices}
                searchable
                clearable
                hidePickedOptions
                {...form.getInputProps("workstationNumbers")}
              />
              <SimpleGrid cols={2}>
                <Switch
                  label={t("devices.voice")}
                  mt="lg"
                  {...form.getInputProps("voice", { type: "checkbox" })}
                />
                <Select
                  label={t("devices.language")}
                  data={languages}
                  allowDeselect={false}
                  {...form.getInputProps("language")}
                />
              </SimpleGrid>
            </>
          )}
          {(v.kind === "counter" || v.kind === "feedback") && (
            <Text size="sm" c="dimmed">
              {t("devices.noConfig")}
            </Text>
          )}
          {mutation.error && !isFieldError(mutation.error) && (
            <Alert color="red">{dirError(t, mutation.error)}</Alert>
          )}
          <FormActions onCancel={onClose} saving={mutation.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Shown once after creation: the token exists in plain text only in this answer. */
function CreatedPanel({
  device,
  workstations,
  onClose,
}: {
  device: Created;
  workstations: Workstation[];
  onClose: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const [counterNumber, setCounterNumber] = useState(workstations[0]?.number ?? "1");
  const feedback = device.kind === "feedback";
  const url = feedback ? device.token : deviceUrl(device.kind, device.token, counterNumber);
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      closeOnClickOutside={false}
      title={
        <Text span fw={700}>
          {t("devices.created")}: {device.name}
        </Text>
      }
    >
      <Stack data-testid="device-created">
        <Alert color="yellow" title={t("devices.url")}>
          {t("devices.onceWarning")}
        </Alert>
        {device.kind === "counter" && (
          <TextInput
            label={t("devices.counterNumber")}
            description={t("devices.counterHint")}
            value={counterNumber}
            onChange={(e) => setCounterNumber(e.currentTarget.value)}
            maxLength={8}
          />
        )}
        <Paper withBorder p="sm">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text ff="monospace" size="sm" style={{ wordBreak: "break-all" }} data-testid="device-url">
              {url}
            </Text>
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button
                  size="xs"
                  miw="max-content"
                  variant={copied ? "filled" : "light"}
                  color={copied ? "green" : undefined}
                  onClick={copy}
                >
                  {copied ? t("devices.copied") : t("devices.copy")}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Paper>
        {feedback ? (
          <Text size="sm" c="dimmed">
            {t("devices.feedbackHint")}
          </Text>
        ) : (
          <Stack gap={4} align="center">
            <Text size="sm" c="dimmed">
              {t("devices.qrHint")}
            </Text>
            <div style={{ width: 220, height: 220 }}>
              <QrCode value={url} className="dq-device-qr" />
            </div>
          </Stack>
        )}
        <Group justify="flex-end">
          <Button onClick={onClose}>{t("devices.done")}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

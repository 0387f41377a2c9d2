import { type Device, type DeviceKind, deviceSchema, type Service, workstationSchema } from "@dq/shared";
import { Badge, Button, Code, Group, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { type ReactNode, useState } from "react";
import { dateTimeFormat } from "../../../app/day-format.ts";
import { useOffice } from "../../../app/office.ts";
import { DirectoryPage } from "../directory-kit/DirectoryPage.tsx";
import type { Column } from "../directory-kit/DirectoryTable.tsx";
import { useEditing } from "../directory-kit/useEditing.ts";
import { useDirectory } from "../useDirectory.ts";
import { CreatedPanel } from "./devices/CreatedPanel.tsx";
import { type CreatedDevice, configSummary } from "./devices/config.ts";
import { DeviceForm } from "./devices/DeviceForm.tsx";
import { useDirectoryTranslation } from "./texts.ts";
import { useLocalServices } from "./useLocalServices.ts";

const KIND_COLOR: Record<DeviceKind, string> = {
  kiosk: "blue",
  board: "teal",
  counter: "grape",
  feedback: "orange",
};

const isRevoked = (d: Device) => d.revokedAt !== null;

/** «Устройства»: kiosks, boards, counter displays and feedback tablets, each with its own revocable key. */
export default function DevicesPage() {
  const { t, i18n } = useDirectoryTranslation();
  const dir = useDirectory("devices", deviceSchema);
  const services = useLocalServices();
  const workstations = useDirectory("workstations", workstationSchema).list.data?.items ?? [];
  const { editing, open, close } = useEditing<Device | "new">([dir.update]);
  const [created, setCreated] = useState<CreatedDevice | null>(null);
  // Revoked devices last.
  const items = [...(dir.list.data?.items ?? [])].sort((a, b) => Number(isRevoked(a)) - Number(isRevoked(b)));
  // Times in the office's timezone, like the rest of the administration.
  const timeZone = useOffice().data?.timezone;
  const when = dateTimeFormat(i18n.language, timeZone);
  const columns = deviceColumns(t, services, when, (d) => (
    <DeviceActions
      device={d}
      revoking={dir.archive.isPending && dir.archive.variables === d.id}
      onEdit={() => open(d)}
      onRevoke={() => dir.archive.mutate(d.id)}
    />
  ));
  return (
    <DirectoryPage
      title={t("devices.title")}
      hint={t("devices.hint")}
      onCreate={() => open("new")}
      errors={[{ error: dir.archive.error ?? dir.list.error, onClose: () => dir.archive.reset() }]}
      items={items}
      columns={columns}
      rowKey={(d) => d.id}
      row={(d) => ({ "data-testid": "device-row", opacity: isRevoked(d) ? 0.6 : 1 })}
      table={{ striped: true, highlightOnHover: true, "data-testid": "devices" }}
      loaded={dir.list.isSuccess}
    >
      {editing && (
        <DeviceForm
          device={editing === "new" ? null : editing}
          services={services}
          workstations={workstations}
          dir={dir}
          onCreated={(d) => {
            close();
            setCreated(d);
          }}
          onClose={close}
        />
      )}
      {created && (
        <CreatedPanel device={created} workstations={workstations} onClose={() => setCreated(null)} />
      )}
    </DirectoryPage>
  );
}

function deviceColumns(
  t: TFunction,
  services: Service[],
  when: Intl.DateTimeFormat,
  actions: (d: Device) => ReactNode,
): Column<Device>[] {
  return [
    {
      header: t("devices.name"),
      cell: (d) => (
        <Text fw={500} td={isRevoked(d) ? "line-through" : undefined}>
          {d.name}
        </Text>
      ),
    },
    {
      header: t("devices.kind"),
      cell: (d) => (
        <Badge miw="max-content" color={KIND_COLOR[d.kind]} variant="light">
          {t(`kinds.${d.kind}`)}
        </Badge>
      ),
    },
    {
      header: t("devices.settings"),
      cell: (d) => (
        <Text size="sm" c="dimmed" maw={320}>
          {configSummary(t, d, services)}
        </Text>
      ),
    },
    { header: t("devices.token"), cell: (d) => <Code>{d.tokenPrefix}…</Code> },
    {
      header: t("devices.lastSeen"),
      cell: (d) => (
        <Text size="sm" c={d.lastSeenAt ? undefined : "dimmed"}>
          {d.lastSeenAt ? when.format(new Date(d.lastSeenAt)) : t("devices.never")}
        </Text>
      ),
    },
    { header: t("devices.status"), cell: (d) => <DeviceStatus device={d} when={when} /> },
    { cell: actions },
  ];
}

/** Working, or revoked (and when). */
function DeviceStatus({ device: d, when }: { device: Device; when: Intl.DateTimeFormat }) {
  const { t } = useDirectoryTranslation();
  if (d.revokedAt === null) {
    return (
      <Badge miw="max-content" color="green" variant="light">
        {t("devices.working")}
      </Badge>
    );
  }
  return (
    <>
      <Badge miw="max-content" color="red" variant="light" data-testid="device-revoked">
        {t("devices.revoked")}
      </Badge>
      <Text size="xs" c="dimmed" mt={2}>
        {when.format(new Date(d.revokedAt))}
      </Text>
    </>
  );
}

/** Edit and revoke; a revoked device has neither. */
function DeviceActions(props: {
  device: Device;
  revoking: boolean;
  onEdit: () => void;
  onRevoke: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const d = props.device;
  if (isRevoked(d)) return null;
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      <Button size="xs" variant="light" onClick={props.onEdit}>
        {t("common.edit")}
      </Button>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        loading={props.revoking}
        onClick={() => window.confirm(t("devices.confirmRevoke", { name: d.name })) && props.onRevoke()}
      >
        {t("devices.revoke")}
      </Button>
    </Group>
  );
}

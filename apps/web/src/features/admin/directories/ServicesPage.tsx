import { type Service, serviceSchema } from "@dq/shared";
import { Badge, Button, Group, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { api } from "../../../app/api.ts";
import { DirectoryPage } from "../directory-kit/DirectoryPage.tsx";
import type { Column } from "../directory-kit/DirectoryTable.tsx";
import { useEditing } from "../directory-kit/useEditing.ts";
import { useListChange } from "../directory-kit/useListChange.ts";
import { useDirectory } from "../useDirectory.ts";
import { ServiceActions, ServiceHours, ServiceName, ServiceState } from "./services/ServiceCells.tsx";
import { type Editing, ServiceForm } from "./services/ServiceForm.tsx";
import { serviceTree, type TreeRow, useDirectoryTranslation } from "./texts.ts";

/** Moving a row renumbers its level 10, 20, 30… so the order stays explicit and stable. */
const useReorder = () =>
  useListChange(
    "services",
    async ({ siblings, index, delta }: { siblings: Service[]; index: number; delta: number }) => {
      const order = [...siblings];
      const [moved] = order.splice(index, 1);
      order.splice(index + delta, 0, moved!);
      for (const [i, s] of order.entries()) {
        const sortOrder = (i + 1) * 10;
        if (s.sortOrder !== sortOrder)
          await api.patch(`/api/v1/services/${s.id}`, { sortOrder }, serviceSchema);
      }
    },
  );

/** «Услуги»: the service tree — groups, their services and everything that shapes their queues. */
export default function ServicesPage() {
  const { t, i18n } = useDirectoryTranslation();
  const dir = useDirectory("services", serviceSchema);
  const reorder = useReorder();
  const { editing, open, close } = useEditing<Editing>([dir.create, dir.update]);
  const items = dir.list.data?.items ?? [];
  const groups = items.filter((s) => s.isGroup).length;
  const actions = (row: TreeRow) => {
    const { service: s, siblings } = row;
    return (
      <ServiceActions
        row={row}
        moving={reorder.isPending}
        onMove={(delta) => reorder.mutate({ siblings, index: siblings.indexOf(s), delta })}
        onAddInside={() => open({ kind: "service", service: null, parentId: s.id })}
        onEdit={() => open({ kind: s.isGroup ? "group" : "service", service: s, parentId: s.parentId })}
        onArchive={() => dir.archive.mutate(s.id)}
      />
    );
  };
  return (
    <DirectoryPage
      title={t("services.title")}
      hint={t("services.hint")}
      actions={
        <Group gap="xs">
          <Button variant="light" onClick={() => open({ kind: "group", service: null, parentId: null })}>
            {t("services.addGroup")}
          </Button>
          <Button onClick={() => open({ kind: "service", service: null, parentId: null })}>
            {t("services.addService")}
          </Button>
        </Group>
      }
      errors={[
        {
          error: dir.archive.error ?? reorder.error ?? dir.list.error,
          onClose: () => {
            dir.archive.reset();
            reorder.reset();
          },
          testId: "services-error",
        },
      ]}
      items={serviceTree(items)}
      columns={serviceColumns(t, i18n.language, items, actions)}
      rowKey={(r) => r.service.id}
      row={({ service: s }) => ({
        "data-testid": "service-row",
        "data-kind": s.isGroup ? "group" : "service",
        bg: s.isGroup ? "var(--mantine-color-gray-0)" : undefined,
      })}
      table={{ highlightOnHover: true, verticalSpacing: "xs", "data-testid": "services" }}
      loaded={dir.list.isSuccess}
      summary={
        <Text c="dimmed" size="sm">
          {t("services.items", { groups, services: items.length - groups })}
        </Text>
      }
    >
      {editing && <ServiceForm editing={editing} items={items} dir={dir} onClose={close} />}
    </DirectoryPage>
  );
}

function serviceColumns(
  t: TFunction,
  language: string,
  items: Service[],
  actions: (row: TreeRow) => ReactNode,
): Column<TreeRow>[] {
  return [
    { header: t("common.name"), td: { miw: 280 }, cell: (row) => <ServiceName row={row} items={items} /> },
    {
      header: t("services.prefixShort"),
      cell: ({ service: s }) =>
        s.prefix && (
          <Badge miw="max-content" color={s.color} autoContrast radius="sm" data-testid="service-prefix">
            {s.prefix}
          </Badge>
        ),
    },
    {
      header: t("services.hoursShort"),
      cell: ({ service: s }) => !s.isGroup && <ServiceHours service={s} />,
    },
    {
      header: t("services.limitShort"),
      cell: ({ service: s }) =>
        !s.isGroup && (
          <Text size="sm" style={{ whiteSpace: "nowrap" }}>
            {s.dailyLimit === null ? t("services.noLimit") : s.dailyLimit.toLocaleString(language)}
          </Text>
        ),
    },
    { header: t("services.state"), cell: ({ service: s }) => <ServiceState service={s} /> },
    { cell: actions },
  ];
}

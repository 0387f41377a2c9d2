import { type Employee, employeeSchema, type Role, type Service } from "@dq/shared";
import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { api } from "../../../app/api.ts";
import { useMe } from "../../../app/auth.tsx";
import { intlLocale } from "../../../app/day-format.ts";
import { useOffice } from "../../../app/office.ts";
import { DirectoryPage } from "../directory-kit/DirectoryPage.tsx";
import type { Column } from "../directory-kit/DirectoryTable.tsx";
import { useEditing } from "../directory-kit/useEditing.ts";
import { useListChange } from "../directory-kit/useListChange.ts";
import { useDirectory } from "../useDirectory.ts";
import { EmployeeForm } from "./employees/EmployeeForm.tsx";
import { ArchiveButton } from "./RowActions.tsx";
import { useDirectoryTranslation } from "./texts.ts";
import { useLocalServices } from "./useLocalServices.ts";

const ROLE_COLOR: Record<Role, string> = { admin: "red", supervisor: "violet", operator: "blue" };

type Toggle = ReturnType<typeof useToggle>;
type Unlock = ReturnType<typeof useUnlock>;

/** Switching an employee off (or on again) without archiving. */
const useToggle = () =>
  useListChange("employees", ({ id, active }: { id: string; active: boolean }) =>
    api.patch(`/api/v1/employees/${id}`, { active }, employeeSchema),
  );

/** Lifting the sign-in lock that too many wrong passwords put on a login. */
const useUnlock = () =>
  useListChange("employees", (id: string) => api.post(`/api/v1/employees/${id}/unlock`, {}, employeeSchema));

/** «Сотрудники»: who may sign in, as what, and which services each serves at which rank. */
export default function EmployeesPage() {
  const { t, i18n } = useDirectoryTranslation();
  const dir = useDirectory("employees", employeeSchema);
  const services = useLocalServices();
  const me = useMe().data;
  const toggle = useToggle();
  const unlock = useUnlock();
  // A lock lasts minutes: its end as a time of day in the office.
  const timeZone = useOffice().data?.timezone;
  const clock = new Intl.DateTimeFormat(intlLocale(i18n.language), { timeStyle: "short", timeZone });
  const { editing, open, close } = useEditing<Employee | "new">([dir.create, dir.update]);
  const columns = employeeColumns(t, services, clock, (e) => (
    <EmployeeActions
      employee={e}
      self={me?.id === e.id}
      toggle={toggle}
      unlock={unlock}
      onEdit={() => open(e)}
      onArchive={() => dir.archive.mutate(e.id)}
    />
  ));
  return (
    <DirectoryPage
      title={t("employees.title")}
      hint={t("employees.hint")}
      onCreate={() => open("new")}
      errors={[
        {
          error: toggle.error ?? unlock.error ?? dir.archive.error ?? dir.list.error,
          onClose: () => {
            toggle.reset();
            unlock.reset();
            dir.archive.reset();
          },
          testId: "employees-error",
        },
      ]}
      items={dir.list.data?.items ?? []}
      columns={columns}
      rowKey={(e) => e.id}
      row={() => ({ "data-testid": "employee-row" })}
      table={{ striped: true, highlightOnHover: true, "data-testid": "employees" }}
      loaded={dir.list.isSuccess}
    >
      {editing && (
        <EmployeeForm
          employee={editing === "new" ? null : editing}
          services={services}
          dir={dir}
          onClose={close}
        />
      )}
    </DirectoryPage>
  );
}

function employeeColumns(
  t: TFunction,
  services: Service[],
  clock: Intl.DateTimeFormat,
  actions: (e: Employee) => ReactNode,
): Column<Employee>[] {
  return [
    {
      header: t("employees.name"),
      cell: (e) => (
        <Text fw={500} c={e.active ? undefined : "dimmed"} style={{ whiteSpace: "nowrap" }}>
          {e.name}
        </Text>
      ),
    },
    {
      header: t("employees.login"),
      cell: (e) => (
        <Text ff="monospace" size="sm">
          {e.login}
        </Text>
      ),
    },
    {
      header: t("employees.role"),
      cell: (e) => (
        <Badge color={ROLE_COLOR[e.role]} variant="light" miw="max-content">
          {t(`roles.${e.role}`)}
        </Badge>
      ),
    },
    { header: t("employees.competencies"), cell: (e) => <Competencies employee={e} services={services} /> },
    {
      header: t("common.active"),
      cell: (e) => (
        <Stack gap={4} align="flex-start">
          {e.active ? (
            t("common.yes")
          ) : (
            <Badge color="gray" miw="max-content" data-testid="employee-inactive">
              {t("employees.deactivated")}
            </Badge>
          )}
          {e.signInLockedUntil && (
            <Badge
              color="red"
              variant="light"
              miw="max-content"
              title={t("employees.lockedHint")}
              data-testid="employee-locked"
            >
              {t("employees.locked", { until: clock.format(new Date(e.signInLockedUntil)) })}
            </Badge>
          )}
        </Stack>
      ),
    },
    { cell: actions },
  ];
}

/** The first four competencies, and how many more there are. */
function Competencies({ employee: e, services }: { employee: Employee; services: Service[] }) {
  const { t } = useDirectoryTranslation();
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  const shown = e.competencies.slice(0, 4);
  return (
    <Group gap={4}>
      {shown.map((c) => (
        <Badge miw="max-content" key={c.serviceId} variant="outline" color="gray" tt="none" fw={500}>
          {serviceName.get(c.serviceId) ?? c.serviceId} · {c.rank}
        </Badge>
      ))}
      {e.competencies.length > shown.length && (
        <Text size="xs" c="dimmed">
          {t("employees.more", { count: e.competencies.length - shown.length })}
        </Text>
      )}
      {e.competencies.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("employees.none")}
        </Text>
      )}
    </Group>
  );
}

/** Unlock (when locked), edit, switch off or on (not oneself), archive (not oneself). */
function EmployeeActions(props: {
  employee: Employee;
  self: boolean;
  toggle: Toggle;
  unlock: Unlock;
  onEdit: () => void;
  onArchive: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const { employee: e, toggle, unlock } = props;
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {e.signInLockedUntil && (
        <Button
          size="xs"
          variant="light"
          color="red"
          loading={unlock.isPending && unlock.variables === e.id}
          onClick={() => unlock.mutate(e.id)}
        >
          {t("employees.unlock")}
        </Button>
      )}
      <Button size="xs" variant="light" onClick={props.onEdit}>
        {t("common.edit")}
      </Button>
      <Button
        size="xs"
        variant="subtle"
        color={e.active ? "orange" : "green"}
        disabled={props.self}
        loading={toggle.isPending && toggle.variables?.id === e.id}
        onClick={() =>
          (!e.active || window.confirm(t("employees.confirmDeactivate", { name: e.name }))) &&
          toggle.mutate({ id: e.id, active: !e.active })
        }
      >
        {e.active ? t("employees.deactivate") : t("employees.activate")}
      </Button>
      <ArchiveButton
        name={e.name}
        onArchive={props.onArchive}
        confirmKey="employees.confirmArchive"
        disabled={props.self}
      />
    </Group>
  );
}

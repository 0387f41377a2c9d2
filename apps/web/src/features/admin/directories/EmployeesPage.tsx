import {
  type Employee,
  employeeCreateSchema,
  employeePatchSchema,
  employeeSchema,
  ROLES,
  type Role,
  type Service,
  serviceSchema,
} from "@dq/shared";
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../../app/api.ts";
import { useMe } from "../../../app/auth.tsx";
import { zodValidate } from "../form.ts";
import { useDirectory } from "../useDirectory.ts";
import { FormActions } from "./FormActions.tsx";
import { ArchiveButton } from "./RowActions.tsx";
import {
  dirError,
  isFieldError,
  issueText,
  serviceTree,
  showFieldErrors,
  useDirectoryTranslation,
} from "./texts.ts";

interface Values {
  login: string;
  name: string;
  role: Role;
  password: string;
  /** Rank per service id as the select gives it: "" is "not served". */
  ranks: Record<string, string>;
}

type Dir = ReturnType<typeof useDirectory<Employee>>;

const ROLE_COLOR: Record<Role, string> = { admin: "red", supervisor: "violet", operator: "blue" };
const RANKS = [1, 2, 3, 4, 5];

/** The services an employee can be competent in (not groups), in the tree's order. */
const leafServices = (items: Service[]) => serviceTree(items).filter((r) => !r.service.isGroup);

function toBody(v: Values, services: string[], creating: boolean) {
  return {
    login: v.login.trim(),
    name: v.name,
    role: v.role,
    // An empty password on an edit keeps the old one; a new one resets it.
    ...(creating || v.password ? { password: v.password } : {}),
    competencies: services
      .filter((id) => v.ranks[id])
      .map((serviceId) => ({ serviceId, rank: Number(v.ranks[serviceId]) })),
  };
}

/** «Сотрудники»: who may sign in, as what, and which services each serves at which rank. */
export default function EmployeesPage() {
  const { t } = useDirectoryTranslation();
  const dir = useDirectory("employees", employeeSchema);
  const services = useDirectory("services", serviceSchema).list.data?.items ?? [];
  const me = useMe().data;
  const client = useQueryClient();
  const [editing, setEditing] = useState<Employee | "new" | null>(null);
  const items = dir.list.data?.items ?? [];
  const serviceName = new Map(services.map((s) => [s.id, s.name]));

  const toggle = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api.patch(`/api/v1/employees/${id}`, { active }, employeeSchema),
    // Pending until the fresh data is read after a success; not after a failure, whose reads may
    // be waiting for an unreachable server.
    onSettled: (_, error) => {
      const refresh = client.invalidateQueries({ queryKey: ["dir", "employees"] });
      return error ? undefined : refresh;
    },
  });
  const open = (e: Employee | "new") => {
    dir.create.reset();
    dir.update.reset();
    setEditing(e);
  };
  const error = toggle.error ?? dir.archive.error ?? dir.list.error;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t("employees.title")}</Title>
          <Text c="dimmed" size="sm">
            {t("employees.hint")}
          </Text>
        </div>
        <Button onClick={() => open("new")}>{t("common.create")}</Button>
      </Group>
      {error && (
        <Alert
          color="red"
          withCloseButton
          onClose={() => {
            toggle.reset();
            dir.archive.reset();
          }}
          data-testid="employees-error"
        >
          {dirError(t, error)}
        </Alert>
      )}
      <Table striped highlightOnHover data-testid="employees">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("employees.name")}</Table.Th>
            <Table.Th>{t("employees.login")}</Table.Th>
            <Table.Th>{t("employees.role")}</Table.Th>
            <Table.Th>{t("employees.competencies")}</Table.Th>
            <Table.Th>{t("common.active")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => {
            const shown = e.competencies.slice(0, 4);
            return (
              <Table.Tr key={e.id} data-testid="employee-row">
                <Table.Td>
                  <Text fw={500} c={e.active ? undefined : "dimmed"} style={{ whiteSpace: "nowrap" }}>
                    {e.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text ff="monospace" size="sm">
                    {e.login}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={ROLE_COLOR[e.role]} variant="light" miw="max-content">
                    {t(`roles.${e.role}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {shown.map((c) => (
                      <Badge
                        miw="max-content"
                        key={c.serviceId}
                        variant="outline"
                        color="gray"
                        tt="none"
                        fw={500}
                      >
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
                </Table.Td>
                <Table.Td>
                  {e.active ? (
                    t("common.yes")
                  ) : (
                    <Badge color="gray" miw="max-content" data-testid="employee-inactive">
                      {t("employees.deactivated")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => open(e)}>
                      {t("common.edit")}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color={e.active ? "orange" : "green"}
                      disabled={me?.id === e.id}
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
                      onArchive={() => dir.archive.mutate(e.id)}
                      confirmKey="employees.confirmArchive"
                      disabled={me?.id === e.id}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {dir.list.isSuccess && items.length === 0 && <Text c="dimmed">{t("common.empty")}</Text>}
      {editing && (
        <EmployeeForm
          employee={editing === "new" ? null : editing}
          services={services}
          dir={dir}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function EmployeeForm({
  employee,
  services,
  dir,
  onClose,
}: {
  employee: Employee | null;
  services: Service[];
  dir: Dir;
  onClose: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const creating = employee === null;
  const rows = leafServices(services);
  // Services archived since keep their competency until it is saved again without them.
  const ids = rows.map((r) => r.service.id);
  const form = useForm<Values>({
    initialValues: {
      login: employee?.login ?? "",
      name: employee?.name ?? "",
      role: employee?.role ?? "operator",
      password: "",
      ranks: Object.fromEntries(
        rows.map((r) => [
          r.service.id,
          String(employee?.competencies.find((c) => c.serviceId === r.service.id)?.rank ?? ""),
        ]),
      ),
    },
    validate: (values) =>
      zodValidate(
        creating ? employeeCreateSchema : employeePatchSchema,
        issueText,
      )(toBody(values, ids, creating)),
  });
  const mutation = creating ? dir.create : dir.update;
  const values = form.getValues();
  // The server names competencies by their place in the list sent; the form by service.
  const rename = (field: string) => {
    const m = field.match(/^competencies\.(\d+)/);
    if (m) {
      const sent = ids.filter((id) => values.ranks[id]);
      const id = sent[Number(m[1])];
      return id ? `ranks.${id}` : "competencies";
    }
    return field === "serviceIds" ? "competencies" : field;
  };
  const submit = form.onSubmit((v) => {
    const body = toBody(v, ids, creating);
    const onError = (error: unknown) => showFieldErrors(form, error, rename);
    if (employee) dir.update.mutate({ id: employee.id, body }, { onSuccess: onClose, onError });
    else dir.create.mutate(body, { onSuccess: onClose, onError });
  });
  const rankOptions = (current: string) => [
    { value: "", label: t("employees.notServed") },
    ...RANKS.map((r) => ({ value: String(r), label: t("employees.rank", { rank: r }) })),
    ...(current && Number(current) > RANKS.length
      ? [{ value: current, label: t("employees.rank", { rank: current }) }]
      : []),
  ];
  const listError = form.errors.competencies;

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={
        <Text span fw={700}>
          {employee ? t("employees.editTitle", { name: employee.name }) : t("employees.new")}
        </Text>
      }
    >
      <form onSubmit={submit} noValidate data-testid="employee-form">
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput
              label={t("employees.name")}
              withAsterisk
              data-autofocus
              autoComplete="off"
              {...form.getInputProps("name")}
            />
            <TextInput
              label={t("employees.login")}
              withAsterisk
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              {...form.getInputProps("login")}
            />
            <Select
              label={t("employees.role")}
              withAsterisk
              allowDeselect={false}
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              {...form.getInputProps("role")}
            />
            <PasswordInput
              label={creating ? t("employees.password") : t("employees.newPassword")}
              withAsterisk={creating}
              autoComplete="new-password"
              {...form.getInputProps("password")}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={-8} data-testid="password-hint">
            {creating ? t("employees.passwordHint") : t("employees.newPasswordHint")}
          </Text>
          <div>
            <Group justify="space-between" mb={4}>
              <Text fw={500} size="sm">
                {t("employees.competencies")}
              </Text>
              {rows.length > 0 && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() =>
                    form.setFieldValue(
                      "ranks",
                      Object.fromEntries(ids.map((id) => [id, values.ranks[id] || "1"])),
                    )
                  }
                >
                  {t("employees.allRank1")}
                </Button>
              )}
            </Group>
            <Text size="xs" c="dimmed" mb="xs">
              {t("employees.competenciesHint")}
            </Text>
            {rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("employees.noServices")}
              </Text>
            ) : (
              <Table withTableBorder verticalSpacing={4} data-testid="competencies">
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.service.id} data-testid="competency-row">
                      <Table.Td>
                        <Text size="sm" c={r.service.active ? undefined : "dimmed"}>
                          {r.path}
                        </Text>
                      </Table.Td>
                      <Table.Td w={190}>
                        <NativeSelect
                          size="xs"
                          aria-label={r.service.name}
                          data={rankOptions(values.ranks[r.service.id] ?? "")}
                          {...form.getInputProps(`ranks.${r.service.id}`)}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {listError && (
              <Text c="red" size="xs" mt={4}>
                {listError}
              </Text>
            )}
          </div>
          {mutation.error && !isFieldError(mutation.error) && (
            <Alert color="red">{dirError(t, mutation.error)}</Alert>
          )}
          <FormActions onCancel={onClose} saving={mutation.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

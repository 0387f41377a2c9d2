import {
  type Employee,
  employeeCreateSchema,
  employeePatchSchema,
  ROLES,
  type Role,
  type Service,
} from "@dq/shared";
import { PasswordInput, Select, SimpleGrid, Text, TextInput } from "@mantine/core";
import { FormModal } from "../../directory-kit/FormModal.tsx";
import { schemaErrors, useItemForm } from "../../directory-kit/useItemForm.ts";
import type { useDirectory } from "../../useDirectory.ts";
import { serviceTree, useDirectoryTranslation } from "../texts.ts";
import { CompetencyTable } from "./CompetencyTable.tsx";

export interface EmployeeValues {
  login: string;
  name: string;
  role: Role;
  password: string;
  /** Rank per service id as the select gives it: "" is "not served". */
  ranks: Record<string, string>;
}

/** The services an employee can be competent in (not groups), in the tree's order. */
const leafServices = (items: Service[]) => serviceTree(items).filter((r) => !r.service.isGroup);

function toBody(v: EmployeeValues, services: string[], creating: boolean) {
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

/** The server names competencies by their place in the list sent; the form by service. */
const competencyField =
  (ids: string[]) =>
  (field: string, { ranks }: EmployeeValues) => {
    const m = field.match(/^competencies\.(\d+)/);
    if (m) {
      const sent = ids.filter((id) => ranks[id]);
      const id = sent[Number(m[1])];
      return id ? `ranks.${id}` : "competencies";
    }
    return field === "serviceIds" ? "competencies" : field;
  };

export function EmployeeForm({
  employee,
  services,
  dir,
  onClose,
}: {
  employee: Employee | null;
  services: Service[];
  dir: ReturnType<typeof useDirectory<Employee>>;
  onClose: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const creating = employee === null;
  const rows = leafServices(services);
  // Services archived since keep their competency until it is saved again without them.
  const ids = rows.map((r) => r.service.id);
  const body = (values: EmployeeValues) => toBody(values, ids, creating);
  const { form, dialog } = useItemForm({
    item: employee,
    requests: dir,
    initialValues: {
      login: employee?.login ?? "",
      name: employee?.name ?? "",
      role: employee?.role ?? ("operator" as Role),
      password: "",
      ranks: Object.fromEntries(
        rows.map((r) => [
          r.service.id,
          String(employee?.competencies.find((c) => c.serviceId === r.service.id)?.rank ?? ""),
        ]),
      ),
    },
    validate: (values) => schemaErrors(creating ? employeeCreateSchema : employeePatchSchema, body(values)),
    body,
    rename: competencyField(ids),
    onClose,
  });
  return (
    <FormModal
      {...dialog}
      title={employee ? t("employees.editTitle", { name: employee.name }) : t("employees.new")}
      size="lg"
      testId="employee-form"
    >
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
      <CompetencyTable form={form} rows={rows} />
    </FormModal>
  );
}

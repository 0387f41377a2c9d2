import { Button, Group, NativeSelect, Table, Text } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { type TreeRow, useDirectoryTranslation } from "../texts.ts";
import type { EmployeeValues } from "./EmployeeForm.tsx";

const RANKS = [1, 2, 3, 4, 5];

/** The rank an employee serves each service at ("not served" too), one select per service. */
export function CompetencyTable({
  form,
  rows,
}: {
  form: UseFormReturnType<EmployeeValues>;
  rows: TreeRow[];
}) {
  const { t } = useDirectoryTranslation();
  const values = form.getValues();
  const ids = rows.map((r) => r.service.id);
  const rankOptions = (current: string) => [
    { value: "", label: t("employees.notServed") },
    ...RANKS.map((r) => ({ value: String(r), label: t("employees.rank", { rank: r }) })),
    ...(current && Number(current) > RANKS.length
      ? [{ value: current, label: t("employees.rank", { rank: current }) }]
      : []),
  ];
  const listError = form.errors.competencies;
  return (
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
              form.setFieldValue("ranks", Object.fromEntries(ids.map((id) => [id, values.ranks[id] || "1"])))
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
  );
}

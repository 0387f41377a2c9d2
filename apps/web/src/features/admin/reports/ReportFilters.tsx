import { Button, Group, Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { DayField } from "../../../app/DayField.tsx";
import { localName } from "../../operator/format.ts";
import { PRESETS, presetOf, presetPeriod } from "./period.ts";
import { NS } from "./texts.ts";
import type { ReportDirectories } from "./useReportDirectories.ts";
import type { useReportFilters } from "./useReportFilters.ts";

/** Period presets, exact days, and the four filters every report takes. */
export function ReportFilters({
  state,
  directories,
}: {
  state: ReturnType<typeof useReportFilters>;
  directories: ReportDirectories;
}) {
  const { t, i18n } = useTranslation(NS);
  const { filters, update, today } = state;
  const chosen = presetOf(filters, today);
  const all = t("filters.all");
  const select = (
    key: "serviceId" | "employeeId" | "workstationId" | "categoryId",
    label: string,
    data: { value: string; label: string }[],
  ) => (
    <Select
      label={label}
      data={data}
      value={filters[key]}
      onChange={(v) => update({ [key]: v })}
      clearable
      searchable
      placeholder={all}
      w={{ base: "100%", xs: 200 }}
      data-testid={`report-filter-${key}`}
    />
  );
  return (
    <>
      <Group gap={6} data-testid="report-presets">
        {PRESETS.map((p) => (
          <Button
            key={p}
            size="compact-sm"
            variant={chosen === p ? "filled" : "default"}
            onClick={() => update(presetPeriod(p, today))}
          >
            {t(`filters.presets.${p}`)}
          </Button>
        ))}
      </Group>
      <Group align="flex-end" gap="sm">
        <DayField
          label={t("filters.from")}
          value={filters.from}
          maxDate={today}
          onChange={(day) => day && update({ from: day })}
          w={{ base: "47%", xs: 160 }}
          data-testid="report-from"
        />
        <DayField
          label={t("filters.to")}
          value={filters.to}
          onChange={(day) => day && update({ to: day })}
          w={{ base: "47%", xs: 160 }}
          data-testid="report-to"
        />
        {select(
          "serviceId",
          t("filters.service"),
          directories.services.map((s) => ({ value: s.id, label: localName(s, i18n.language) })),
        )}
        {select(
          "employeeId",
          t("filters.employee"),
          directories.employees.map((e) => ({ value: e.id, label: e.name })),
        )}
        {select(
          "workstationId",
          t("filters.workstation"),
          directories.workstations.map((w) => ({ value: w.id, label: w.name })),
        )}
        {select(
          "categoryId",
          t("filters.category"),
          directories.categories.map((c) => ({ value: c.id, label: localName(c, i18n.language) })),
        )}
        {state.filtered && (
          <Button variant="subtle" onClick={state.reset}>
            {t("filters.reset")}
          </Button>
        )}
      </Group>
    </>
  );
}

import {
  type Service,
  serviceCreateSchema,
  serviceSchema,
  WEEKDAYS,
  type Weekday,
  type WeekSchedule,
} from "@dq/shared";
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  ColorInput,
  ColorSwatch,
  Divider,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { type FormErrors, type UseFormReturnType, useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useState } from "react";
import { api } from "../../../app/api.ts";
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

type Interval = { from: string; to: string };

interface Values {
  name: string;
  en: string;
  description: string;
  parentId: string | null;
  prefix: string;
  color: string;
  sortOrder: number | string;
  alwaysOpen: boolean;
  schedule: Record<Weekday, Interval[]>;
  dailyLimit: number | string;
  targetWaitMinutes: number | string;
  priority: number | string;
  expectedServiceMinutes: number | string;
  active: boolean;
}

type Editing = { kind: "group" | "service"; service: Service | null; parentId: string | null };
type Dir = ReturnType<typeof useDirectory<Service>>;

const SWATCHES = ["#1e88e5", "#43a047", "#e53935", "#fb8c00", "#8e24aa", "#00897b", "#6d4c41", "#546e7a"];
const OFFICE_HOURS: Record<Weekday, Interval[]> = {
  mon: [{ from: "09:00", to: "18:00" }],
  tue: [{ from: "09:00", to: "18:00" }],
  wed: [{ from: "09:00", to: "18:00" }],
  thu: [{ from: "09:00", to: "18:00" }],
  fri: [{ from: "09:00", to: "18:00" }],
  sat: [],
  sun: [],
};

/** Empty number inputs mean "none" where the API allows null. */
const optional = (v: number | string) => (v === "" ? null : typeof v === "number" ? v : Number(v));
/** A required number: left as typed when it is not one, so the schema names the field. */
const required = (v: number | string) => (typeof v === "number" ? v : v === "" ? v : Number(v));

function toBody(v: Values, isGroup: boolean) {
  const common = {
    name: v.name,
    translations: v.en.trim() ? { en: v.en.trim() } : {},
    description: v.description,
    parentId: v.parentId || null,
    sortOrder: required(v.sortOrder),
    active: v.active,
  };
  if (isGroup) return { ...common, color: v.color };
  return {
    ...common,
    prefix: v.prefix.trim() ? v.prefix.trim().toUpperCase() : null,
    color: v.color,
    schedule: v.alwaysOpen
      ? null
      : (Object.fromEntries(WEEKDAYS.map((d) => [d, v.schedule[d]])) as WeekSchedule),
    dailyLimit: optional(v.dailyLimit),
    targetWaitMinutes: optional(v.targetWaitMinutes),
    priority: required(v.priority),
    expectedServiceMinutes: required(v.expectedServiceMinutes),
  };
}

/** ["Пн–Пт 09:00–18:00", "Сб 10:00–14:00"]: consecutive days with the same hours are joined. */
function scheduleSummary(t: TFunction, schedule: WeekSchedule | null): string[] {
  if (!schedule) return [t("services.alwaysOpenShort")];
  const hours = WEEKDAYS.map((d) => (schedule[d] ?? []).map((i) => `${i.from}–${i.to}`).join(", "));
  const parts: string[] = [];
  for (let i = 0; i < WEEKDAYS.length; ) {
    let j = i;
    while (j + 1 < WEEKDAYS.length && hours[j + 1] === hours[i]) j++;
    if (hours[i]) {
      const days =
        i === j
          ? t(`weekdays.${WEEKDAYS[i]}`)
          : `${t(`weekdays.${WEEKDAYS[i]}`)}–${t(`weekdays.${WEEKDAYS[j]}`)}`;
      parts.push(`${days} ${hours[i]}`);
    }
    i = j + 1;
  }
  return parts.length ? parts : [t("services.closedDay")];
}

/** «Услуги»: the service tree — groups, their services and everything that shapes their queues. */
export default function ServicesPage() {
  const { t, i18n } = useDirectoryTranslation();
  const dir = useDirectory("services", serviceSchema);
  const client = useQueryClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const items = dir.list.data?.items ?? [];
  const nodes = serviceTree(items);
  const groups = items.filter((s) => s.isGroup).length;

  // Moving a row renumbers its level 10, 20, 30… so the order stays explicit and stable.
  const reorder = useMutation({
    mutationFn: async ({ siblings, index, delta }: { siblings: Service[]; index: number; delta: number }) => {
      const order = [...siblings];
      const [moved] = order.splice(index, 1);
      order.splice(index + delta, 0, moved!);
      for (const [i, s] of order.entries()) {
        const sortOrder = (i + 1) * 10;
        if (s.sortOrder !== sortOrder)
          await api.patch(`/api/v1/services/${s.id}`, { sortOrder }, serviceSchema);
      }
    },
    // Pending until the fresh data is read after a success; not after a failure, whose reads may
    // be waiting for an unreachable server.
    onSettled: (_, error) => {
      const refresh = client.invalidateQueries({ queryKey: ["dir", "services"] });
      return error ? undefined : refresh;
    },
  });

  const open = (e: Editing) => {
    dir.create.reset();
    dir.update.reset();
    setEditing(e);
  };
  const error = dir.archive.error ?? reorder.error ?? dir.list.error;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t("services.title")}</Title>
          <Text c="dimmed" size="sm">
            {t("services.hint")}
          </Text>
        </div>
        <Group gap="xs">
          <Button variant="light" onClick={() => open({ kind: "group", service: null, parentId: null })}>
            {t("services.addGroup")}
          </Button>
          <Button onClick={() => open({ kind: "service", service: null, parentId: null })}>
            {t("services.addService")}
          </Button>
        </Group>
      </Group>
      {error && (
        <Alert
          color="red"
          withCloseButton
          onClose={() => {
            dir.archive.reset();
            reorder.reset();
          }}
          data-testid="services-error"
        >
          {dirError(t, error)}
        </Alert>
      )}
      <Table highlightOnHover verticalSpacing="xs" data-testid="services">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("common.name")}</Table.Th>
            <Table.Th>{t("services.prefixShort")}</Table.Th>
            <Table.Th>{t("services.hoursShort")}</Table.Th>
            <Table.Th>{t("services.limitShort")}</Table.Th>
            <Table.Th>{t("services.state")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {nodes.map(({ service: s, depth, siblings }) => {
            const index = siblings.indexOf(s);
            const empty = s.isGroup && !items.some((c) => c.parentId === s.id);
            return (
              <Table.Tr
                key={s.id}
                data-testid="service-row"
                data-kind={s.isGroup ? "group" : "service"}
                bg={s.isGroup ? "var(--mantine-color-gray-0)" : undefined}
              >
                <Table.Td miw={280}>
                  <Group gap="xs" wrap="nowrap" pl={depth * 28}>
                    <ColorSwatch color={s.color} size={14} aria-hidden />
                    <div>
                      <Text fw={s.isGroup ? 700 : 500} c={s.active ? undefined : "dimmed"}>
                        {s.isGroup ? `▸ ${s.name}` : s.name}
                        {s.translations.en && (
                          <Text span c="dimmed" size="sm" fw={400}>
                            {" "}
                            · {s.translations.en}
                          </Text>
                        )}
                      </Text>
                      {s.isGroup ? (
                        empty && (
                          <Text size="xs" c="dimmed">
                            {t("services.emptyGroup")}
                          </Text>
                        )
                      ) : (
                        <Text size="xs" c="dimmed">
                          {[
                            s.targetWaitMinutes !== null &&
                              t("services.target", { count: s.targetWaitMinutes }),
                            t("services.expectedShort", { count: s.expectedServiceMinutes }),
                            s.priority !== 0 && t("services.priorityShort", { count: s.priority }),
                          ]
                            .filter(Boolean)
                            .join(" · ")}
                        </Text>
                      )}
                    </div>
                  </Group>
                </Table.Td>
                <Table.Td>
                  {s.prefix && (
                    <Badge
                      miw="max-content"
                      color={s.color}
                      autoContrast
                      radius="sm"
                      data-testid="service-prefix"
                    >
                      {s.prefix}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {!s.isGroup && (
                    <div data-testid="service-hours">
                      {scheduleSummary(t, s.schedule).map((line) => (
                        <Text key={line} size="sm" style={{ whiteSpace: "nowrap" }}>
                          {line}
                        </Text>
                      ))}
                    </div>
                  )}
                </Table.Td>
                <Table.Td>
                  {!s.isGroup && (
                    <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                      {s.dailyLimit === null
                        ? t("services.noLimit")
                        : s.dailyLimit.toLocaleString(i18n.language)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {s.active ? (
                      <Badge color="green" variant="light" miw="max-content" data-testid="service-state">
                        {t("common.active")}
                      </Badge>
                    ) : (
                      <Badge color="gray" miw="max-content" data-testid="service-state">
                        {t("common.inactive")}
                      </Badge>
                    )}
                    {!s.isGroup && s.active && !s.acceptingTickets && (
                      <Badge color="orange" variant="light" miw="max-content">
                        {t("services.closedNow")}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Tooltip label={t("services.moveUp")}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t("services.moveUp")}
                        disabled={index <= 0 || reorder.isPending}
                        onClick={() => reorder.mutate({ siblings, index, delta: -1 })}
                      >
                        ↑
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t("services.moveDown")}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t("services.moveDown")}
                        disabled={index >= siblings.length - 1 || reorder.isPending}
                        onClick={() => reorder.mutate({ siblings, index, delta: 1 })}
                      >
                        ↓
                      </ActionIcon>
                    </Tooltip>
                    {s.isGroup && (
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => open({ kind: "service", service: null, parentId: s.id })}
                      >
                        + {t("services.addInside")}
                      </Button>
                    )}
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() =>
                        open({ kind: s.isGroup ? "group" : "service", service: s, parentId: s.parentId })
                      }
                    >
                      {t("common.edit")}
                    </Button>
                    <ArchiveButton name={s.name} onArchive={() => dir.archive.mutate(s.id)} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {dir.list.isSuccess &&
        (items.length === 0 ? (
          <Text c="dimmed">{t("common.empty")}</Text>
        ) : (
          <Text c="dimmed" size="sm">
            {t("services.items", { groups, services: items.length - groups })}
          </Text>
        ))}
      {editing && <ServiceForm editing={editing} items={items} dir={dir} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

/** Groups a service or group may be put in: not itself, not anything inside it. */
function parentOptions(items: Service[], self: Service | null) {
  const rows = serviceTree(items);
  // A group's own subtree follows it in the tree order, deeper than it.
  const start = rows.findIndex((r) => r.service.id === self?.id);
  const inside = (index: number) => {
    if (!self?.isGroup || start < 0 || index < start) return false;
    if (index === start) return true;
    return rows.slice(start + 1, index + 1).every((r) => r.depth > rows[start]!.depth);
  };
  return rows
    .filter((r, i) => r.service.isGroup && !inside(i))
    .map((r) => ({ value: r.service.id, label: r.path }));
}

function ServiceForm({
  editing,
  items,
  dir,
  onClose,
}: {
  editing: Editing;
  items: Service[];
  dir: Dir;
  onClose: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const s = editing.service;
  const isGroup = editing.kind === "group";
  const siblings = items.filter((x) => x.parentId === editing.parentId);
  const nextOrder = siblings.length ? Math.max(...siblings.map((x) => x.sortOrder)) + 10 : 10;
  const form = useForm<Values>({
    initialValues: {
      name: s?.name ?? "",
      en: s?.translations.en ?? "",
      description: s?.description ?? "",
      parentId: s ? s.parentId : editing.parentId,
      prefix: s?.prefix ?? "",
      // A new service gets a colour its neighbours do not have yet, so the kiosk tiles differ.
      color:
        s?.color ?? SWATCHES.find((c) => !siblings.some((x) => x.color.toLowerCase() === c)) ?? SWATCHES[0]!,
      sortOrder: s?.sortOrder ?? nextOrder,
      alwaysOpen: s ? s.schedule === null : true,
      schedule: s?.schedule
        ? (Object.fromEntries(WEEKDAYS.map((d) => [d, s.schedule?.[d] ?? []])) as Record<Weekday, Interval[]>)
        : structuredClone(OFFICE_HOURS),
      dailyLimit: s?.dailyLimit ?? "",
      targetWaitMinutes: s ? (s.targetWaitMinutes ?? "") : 15,
      priority: s?.priority ?? 0,
      expectedServiceMinutes: s?.expectedServiceMinutes ?? 10,
      active: s?.active ?? true,
    },
    // The server's own schema, so the form refuses what the API would.
    validate: (values) =>
      zodValidate(serviceCreateSchema, issueText)({ ...toBody(values, isGroup), isGroup }),
  });
  const mutation = s ? dir.update : dir.create;
  const rename = (field: string) => (field.startsWith("translations") ? "en" : field);
  const submit = form.onSubmit((values) => {
    const body = toBody(values, isGroup);
    const onError = (error: unknown) => showFieldErrors(form, error, rename);
    if (s) dir.update.mutate({ id: s.id, body }, { onSuccess: onClose, onError });
    else dir.create.mutate({ ...body, isGroup }, { onSuccess: onClose, onError });
  });
  const title = s
    ? t(isGroup ? "services.editGroup" : "services.editService", { name: s.name })
    : t(isGroup ? "services.newGroup" : "services.newService");
  const v = form.getValues();

  return (
    <Modal
      opened
      onClose={onClose}
      title={
        <Text span fw={700}>
          {title}
        </Text>
      }
      size={isGroup ? "md" : "xl"}
    >
      <form onSubmit={submit} noValidate data-testid={isGroup ? "group-form" : "service-form"}>
        <Stack>
          <SimpleGrid cols={isGroup ? 1 : 2}>
            <TextInput label={t("common.name")} withAsterisk data-autofocus {...form.getInputProps("name")} />
            <TextInput
              label={t("common.nameEn")}
              {...form.getInputProps("en")}
              error={form.errors.en ?? form.errors["translations.en"]}
            />
          </SimpleGrid>
          {!isGroup && (
            <Textarea
              label={t("services.description")}
              description={t("services.descriptionHint")}
              autosize
              minRows={1}
              maxRows={4}
              {...form.getInputProps("description")}
            />
          )}
          <SimpleGrid cols={isGroup ? 1 : 2}>
            <Select
              label={t("services.parent")}
              placeholder={t("services.noParent")}
              description={t("services.parentHint")}
              data={parentOptions(items, s)}
              clearable
              searchable
              nothingFoundMessage={t("common.empty")}
              {...form.getInputProps("parentId")}
            />
            {!isGroup && (
              <TextInput
                label={t("services.prefix")}
                description={t("services.prefixHint")}
                withAsterisk
                maxLength={3}
                {...form.getInputProps("prefix")}
                onChange={(e) => form.setFieldValue("prefix", e.currentTarget.value.toUpperCase())}
              />
            )}
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <ColorInput
              label={t("services.color")}
              format="hex"
              swatches={SWATCHES}
              swatchesPerRow={8}
              {...form.getInputProps("color")}
            />
            <NumberInput
              label={t("common.sortOrder")}
              allowDecimal={false}
              {...form.getInputProps("sortOrder")}
            />
          </SimpleGrid>
          {!isGroup && (
            <>
              <Divider label={t("services.hours")} labelPosition="left" />
              <Switch
                label={t("services.alwaysOpen")}
                description={t("services.alwaysOpenHint")}
                {...form.getInputProps("alwaysOpen", { type: "checkbox" })}
              />
              {!v.alwaysOpen && <ScheduleEditor form={form} />}
              <Divider />
              <SimpleGrid cols={2}>
                <NumberInput
                  label={t("services.dailyLimit")}
                  description={t("services.dailyLimitHint")}
                  min={1}
                  max={100000}
                  allowDecimal={false}
                  {...form.getInputProps("dailyLimit")}
                />
                <NumberInput
                  label={t("services.targetWait")}
                  description={t("services.targetWaitHint")}
                  min={0.5}
                  max={1440}
                  decimalScale={1}
                  {...form.getInputProps("targetWaitMinutes")}
                />
                <NumberInput
                  label={t("services.priority")}
                  description={t("services.priorityHint")}
                  min={-100}
                  max={100}
                  allowDecimal={false}
                  {...form.getInputProps("priority")}
                />
                <NumberInput
                  label={t("services.expected")}
                  description={t("services.expectedHint")}
                  min={0.5}
                  max={480}
                  decimalScale={1}
                  {...form.getInputProps("expectedServiceMinutes")}
                />
              </SimpleGrid>
            </>
          )}
          <Switch label={t("common.active")} {...form.getInputProps("active", { type: "checkbox" })} />
          {mutation.error && !isFieldError(mutation.error) && (
            <Alert color="red">{dirError(t, mutation.error)}</Alert>
          )}
          {form.errors.schedule && <Alert color="red">{form.errors.schedule}</Alert>}
          <FormActions onCancel={onClose} saving={mutation.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Opening hours per weekday: zero or more from–to intervals each; a day without any is closed. */
function ScheduleEditor({ form }: { form: UseFormReturnType<Values, Values, (v: Values) => FormErrors> }) {
  const { t } = useDirectoryTranslation();
  const schedule = form.getValues().schedule;
  const add = (day: Weekday) => {
    const last = schedule[day].at(-1);
    const next = last
      ? { from: last.to < "23:00" ? last.to : "23:00", to: "24:00" }
      : { from: "09:00", to: "18:00" };
    form.insertListItem(`schedule.${day}`, next);
  };
  const copyMonday = () => {
    for (const day of ["tue", "wed", "thu", "fri"] as const) {
      form.setFieldValue(
        `schedule.${day}`,
        schedule.mon.map((i) => ({ ...i })),
      );
    }
  };
  return (
    <Stack gap={6} data-testid="schedule">
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {t("services.scheduleHint")}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={copyMonday}>
          {t("services.copyToWeekdays")}
        </Button>
      </Group>
      {WEEKDAYS.map((day) => {
        const dayName = t(`weekdaysLong.${day}`);
        // "Суббота с", and "Суббота с (2)" for a second interval: names the fields can be found by.
        const label = (edge: "from" | "to", i: number) =>
          `${dayName} ${t(`services.${edge}`)}${i > 0 ? ` (${i + 1})` : ""}`;
        const messages = [
          ...new Set(
            Object.entries(form.errors)
              .filter(([k]) => k === `schedule.${day}` || k.startsWith(`schedule.${day}.`))
              .map(([, m]) => String(m)),
          ),
        ];
        return (
          <Group key={day} gap="xs" align="flex-start" wrap="nowrap" data-testid={`schedule-${day}`}>
            <Text w={110} size="sm" pt={4} fw={500}>
              {dayName}
            </Text>
            <Stack gap={2} style={{ flex: 1 }}>
              <Group gap="xs">
                {schedule[day].length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t("services.closedDay")}
                  </Text>
                )}
                {schedule[day].map((_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place
                  <Group key={i} gap={4} wrap="nowrap">
                    <TextInput
                      w={70}
                      size="xs"
                      placeholder="09:00"
                      maxLength={5}
                      aria-label={label("from", i)}
                      {...form.getInputProps(`schedule.${day}.${i}.from`)}
                      error={Boolean(form.errors[`schedule.${day}.${i}.from`])}
                    />
                    <Text size="sm">–</Text>
                    <TextInput
                      w={70}
                      size="xs"
                      placeholder="18:00"
                      maxLength={5}
                      aria-label={label("to", i)}
                      {...form.getInputProps(`schedule.${day}.${i}.to`)}
                      error={Boolean(form.errors[`schedule.${day}.${i}.to`])}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      aria-label={`${dayName}: ${t("services.removeInterval")}`}
                      onClick={() => form.removeListItem(`schedule.${day}`, i)}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                {schedule[day].length < 6 && (
                  <Tooltip label={t("services.addInterval")}>
                    <ActionIcon
                      variant="light"
                      size="sm"
                      aria-label={`${dayName}: ${t("services.addInterval")}`}
                      onClick={() => add(day)}
                    >
                      +
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
              {messages.map((m) => (
                <Text key={m} c="red" size="xs">
                  {m}
                </Text>
              ))}
            </Stack>
          </Group>
        );
      })}
    </Stack>
  );
}

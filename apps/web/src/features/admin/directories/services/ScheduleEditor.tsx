import { WEEKDAYS, type Weekday } from "@dq/shared";
import { ActionIcon, Button, Group, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { useDirectoryTranslation } from "../texts.ts";
import type { ServiceFormType } from "./values.ts";

/** Opening hours per weekday: zero or more from–to intervals each; a day without any is closed. */
export function ScheduleEditor({ form }: { form: ServiceFormType }) {
  const { t } = useDirectoryTranslation();
  const schedule = form.getValues().schedule;
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
      {WEEKDAYS.map((day) => (
        <DaySchedule key={day} form={form} day={day} />
      ))}
    </Stack>
  );
}

/** One weekday's intervals, with its errors under them. */
function DaySchedule({ form, day }: { form: ServiceFormType; day: Weekday }) {
  const { t } = useDirectoryTranslation();
  const intervals = form.getValues().schedule[day];
  const dayName = t(`weekdaysLong.${day}`);
  const add = () => {
    const last = intervals.at(-1);
    const next = last
      ? { from: last.to < "23:00" ? last.to : "23:00", to: "24:00" }
      : { from: "09:00", to: "18:00" };
    form.insertListItem(`schedule.${day}`, next);
  };
  const messages = [
    ...new Set(
      Object.entries(form.errors)
        .filter(([k]) => k === `schedule.${day}` || k.startsWith(`schedule.${day}.`))
        .map(([, m]) => String(m)),
    ),
  ];
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap" data-testid={`schedule-${day}`}>
      <Text w={110} size="sm" pt={4} fw={500}>
        {dayName}
      </Text>
      <Stack gap={2} style={{ flex: 1 }}>
        <Group gap="xs">
          {intervals.length === 0 && (
            <Text size="sm" c="dimmed">
              {t("services.closedDay")}
            </Text>
          )}
          {intervals.map((_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place
            <Group key={i} gap={4} wrap="nowrap">
              <TimeField form={form} day={day} index={i} edge="from" placeholder="09:00" />
              <Text size="sm">–</Text>
              <TimeField form={form} day={day} index={i} edge="to" placeholder="18:00" />
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
          {intervals.length < 6 && (
            <Tooltip label={t("services.addInterval")}>
              <ActionIcon
                variant="light"
                size="sm"
                aria-label={`${dayName}: ${t("services.addInterval")}`}
                onClick={add}
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
}

/** One end of an interval, red when wrong (the message shows under the day). */
function TimeField(props: {
  form: ServiceFormType;
  day: Weekday;
  index: number;
  edge: "from" | "to";
  placeholder: string;
}) {
  const { t } = useDirectoryTranslation();
  const { form, index: i } = props;
  const path = `schedule.${props.day}.${i}.${props.edge}`;
  // "Суббота с", and "Суббота с (2)" for a second interval: names the fields can be found by.
  const label = `${t(`weekdaysLong.${props.day}`)} ${t(`services.${props.edge}`)}${i > 0 ? ` (${i + 1})` : ""}`;
  return (
    <TextInput
      w={70}
      size="xs"
      placeholder={props.placeholder}
      maxLength={5}
      aria-label={label}
      {...form.getInputProps(path)}
      error={Boolean(form.errors[path])}
    />
  );
}

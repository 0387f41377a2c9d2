import { ActionIcon, Badge, Fieldset, Group, NumberInput, Stack, Switch, Text } from "@mantine/core";
import dayjs from "dayjs";
import { useState } from "react";
import { DayField } from "../../../app/DayField.tsx";
import { dayFormatOf } from "../../../app/day-format.ts";
import "../directories/services/booking-texts.ts";
import { ScheduleEditor } from "../directories/services/ScheduleEditor.tsx";
import type { ServiceFormType } from "../directories/services/values.ts";
import { useDirectoryTranslation } from "../directories/texts.ts";
import type { SettingsFormType } from "./useSettingsForm.ts";

/**
 * «Запись на приём» of the office: its opening hours (booking slots lie within them and each
 * service's own), its days without appointments, and the punctuality target for booked visitors.
 */
export function BookingFields({ form }: { form: SettingsFormType }) {
  const { t } = useDirectoryTranslation();
  const v = form.getValues();
  return (
    <Fieldset legend={t("booking.office")} data-testid="booking-settings">
      <Stack>
        <Switch
          label={t("booking.officeHours")}
          description={t("booking.officeHoursHint")}
          {...form.getInputProps("openingHoursOn", { type: "checkbox" })}
        />
        {/* The services' editor: it edits `schedule.*` of whichever form it is given, and the settings' values name the office's week so too. */}
        {v.openingHoursOn && <ScheduleEditor form={form as unknown as ServiceFormType} />}
        <BlackoutDays form={form} />
        <NumberInput
          w={{ base: "100%", sm: 360 }}
          label={t("booking.targetWait")}
          description={t("booking.targetWaitHint")}
          min={1}
          max={240}
          decimalScale={1}
          {...form.getInputProps("appointmentTargetWaitMinutes")}
        />
      </Stack>
    </Fieldset>
  );
}

/** Days without appointments: picked from a calendar, each removable. */
function BlackoutDays({ form }: { form: SettingsFormType }) {
  const { t, i18n } = useDirectoryTranslation();
  const days = form.getValues().blackoutDays;
  // The picker empties itself after each day is added.
  const [picker, setPicker] = useState(0);
  const shown = (day: string) => dayjs(day).locale(i18n.language).format(dayFormatOf(i18n.language));
  const add = (day: string | null) => {
    if (day && !days.includes(day)) form.setFieldValue("blackoutDays", [...days, day].sort());
    setPicker((n) => n + 1);
  };
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t("booking.blackoutDays")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("booking.blackoutDaysHint")}
      </Text>
      <Group gap="xs" data-testid="blackout-days">
        {days.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("booking.noBlackoutDays")}
          </Text>
        )}
        {days.map((day) => (
          <Badge
            key={day}
            size="lg"
            variant="light"
            color="gray"
            data-day={day}
            rightSection={
              <ActionIcon
                size="xs"
                variant="transparent"
                color="gray"
                aria-label={t("booking.removeDay", { day: shown(day) })}
                onClick={() =>
                  form.setFieldValue(
                    "blackoutDays",
                    days.filter((d) => d !== day),
                  )
                }
              >
                ×
              </ActionIcon>
            }
          >
            {shown(day)}
          </Badge>
        ))}
      </Group>
      <DayField key={picker} label={t("booking.addDay")} value={null} onChange={add} w={220} />
      {form.errors.blackoutDays && (
        <Text c="red" size="xs">
          {form.errors.blackoutDays}
        </Text>
      )}
    </Stack>
  );
}

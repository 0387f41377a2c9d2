import { LATE_ACTIONS } from "@dq/shared";
import { Alert, Divider, NumberInput, Select, SimpleGrid, Stack, Switch } from "@mantine/core";
import { useOffice } from "../../../../app/office.ts";
import { useDirectoryTranslation } from "../texts.ts";
import "./booking-texts.ts";
import type { ServiceFormType } from "./values.ts";

/** The whole-number settings of booking, each with its bounds (those of the shared schema). */
const NUMBER_FIELDS = [
  { field: "slotMinutes", min: 5, max: 240 },
  { field: "capacityPerSlot", min: 1, max: 100 },
  { field: "horizonDays", min: 1, max: 365 },
  { field: "earlyCheckInMinutes", min: 0, max: 240 },
  { field: "lateGraceMinutes", min: 0, max: 240 },
] as const;
const PHONE_FIELD = { field: "maxActivePerPhone", min: 1, max: 50 } as const;

/**
 * «Запись на приём» of a service (docs/appointments.md): whether it can be booked, its slots, how
 * early and how late a visitor may check in, and how many bookings one phone may hold. Slots follow
 * the service's hours and the office's opening hours: the form says so, and warns when neither is set.
 */
export function BookingFields({ form }: { form: ServiceFormType }) {
  const { t } = useDirectoryTranslation();
  const office = useOffice();
  const v = form.getValues();
  const noHours = v.alwaysOpen && office.data?.settings.openingHours === null;
  return (
    <>
      <Divider label={t("booking.section")} labelPosition="left" />
      <Stack gap="sm" data-testid="booking-fields">
        <Switch
          label={t("booking.enabled")}
          description={t("booking.enabledHint")}
          {...form.getInputProps("booking.enabled", { type: "checkbox" })}
        />
        {v.booking.enabled && noHours && (
          <Alert color="orange" data-testid="booking-no-hours">
            {t("booking.noHours")}
          </Alert>
        )}
        {v.booking.enabled && (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {NUMBER_FIELDS.map((f) => (
              <BookingNumber key={f.field} form={form} {...f} />
            ))}
            <Select
              label={t("booking.lateAction")}
              data={LATE_ACTIONS.map((a) => ({
                value: a,
                label: t(a === "walk_in" ? "booking.lateActionWalkIn" : "booking.lateActionRefuse"),
              }))}
              allowDeselect={false}
              {...form.getInputProps("booking.lateAction")}
            />
            <BookingNumber form={form} {...PHONE_FIELD} />
          </SimpleGrid>
        )}
      </Stack>
    </>
  );
}

/** One whole-number booking setting, with its bounds. */
function BookingNumber(props: {
  form: ServiceFormType;
  field: (typeof NUMBER_FIELDS)[number]["field"] | typeof PHONE_FIELD.field;
  min: number;
  max: number;
}) {
  const { t } = useDirectoryTranslation();
  return (
    <NumberInput
      label={t(`booking.${props.field}`)}
      description={t(`booking.${props.field}Hint`)}
      min={props.min}
      max={props.max}
      allowDecimal={false}
      {...props.form.getInputProps(`booking.${props.field}`)}
    />
  );
}

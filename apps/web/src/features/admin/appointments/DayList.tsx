import type { Service, StaffAppointment } from "@dq/shared";
import { Alert, Text } from "@mantine/core";
import { AppointmentsTable } from "./AppointmentsTable.tsx";
import { failureText, useAppointmentsTranslation } from "./texts.ts";
import { appointmentTotals } from "./totals.ts";
import { useCheckIn } from "./useAppointments.ts";

/**
 * The day's list: how many, and the table, with checking a visitor in at the desk (as the kiosk
 * does; a refusal such as «too early» is said above the table).
 */
export function DayList({
  items,
  services,
  timeZone,
  cancelling,
  onCancel,
  onCheckedIn,
}: {
  items: StaffAppointment[];
  services: Service[];
  timeZone: string | undefined;
  cancelling: boolean;
  onCancel: (a: StaffAppointment) => void;
  /** Says who was checked in and his ticket. */
  onCheckedIn: (text: string) => void;
}) {
  const { t } = useAppointmentsTranslation();
  const checkIn = useCheckIn();
  if (items.length === 0) {
    return (
      <Text c="dimmed" data-testid="appointments-empty">
        {t("none")}
      </Text>
    );
  }
  const totals = appointmentTotals(items);
  return (
    <>
      {checkIn.error && (
        <Alert
          color="red"
          withCloseButton
          onClose={() => checkIn.reset()}
          data-testid="appointments-check-in-error"
        >
          {failureText(t, checkIn.error, timeZone)}
        </Alert>
      )}
      <Text c="dimmed" size="sm" data-testid="appointments-total">
        {t("total", totals)}
        {totals.cancelled > 0 && ` ${t("totalCancelled", { count: totals.cancelled })}`}
      </Text>
      <AppointmentsTable
        items={items}
        services={services}
        timeZone={timeZone}
        busy={cancelling || checkIn.isPending}
        onCancel={onCancel}
        onCheckIn={(a) =>
          checkIn.mutate(a.code, {
            onSuccess: (ticket) =>
              onCheckedIn(
                t(ticket.appointment?.late ? "checkedInLate" : "checkedIn", {
                  name: a.name,
                  label: ticket.label,
                }),
              ),
          })
        }
      />
    </>
  );
}

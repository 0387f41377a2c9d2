import { formatTicketCode, type StaffAppointment } from "@dq/shared";
import { Alert, Button, Group, Loader, Select, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { ApiError } from "../../../app/api.ts";
import { DayField } from "../../../app/DayField.tsx";
import { errorMessage } from "../../../app/errors.ts";
import i18n from "../../../app/i18n.ts";
import { useOffice } from "../../../app/office.ts";
import { localName } from "../../operator/format.ts";
import { AppointmentsTable } from "./AppointmentsTable.tsx";
import { BookDialog } from "./BookDialog.tsx";
import { officeClock, officeDate, officeToday } from "./office-time.ts";
import { NS, useAppointmentsTranslation } from "./texts.ts";
import { useAppointmentList, useCancel, useLiveAppointments, useServices } from "./useAppointments.ts";

/**
 * «Записи на приём» (supervisors and administrators): the appointments of a day (today by default),
 * of one service or all; booking on a visitor's behalf and cancelling a booking. Refreshed as the
 * office's live events come (a check-in, a call).
 */
export default function AppointmentsPage() {
  const {
    t,
    i18n: { language },
  } = useAppointmentsTranslation();
  useLiveAppointments();
  const office = useOffice();
  const timeZone = office.data?.timezone;
  const [chosenDay, setDay] = useState<string | null>(null);
  const day = chosenDay ?? officeToday(timeZone);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [booking, setBooking] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const list = useAppointmentList(day, serviceId);
  const services = useServices();
  const cancel = useCancel();
  const leaves = (services.data?.items ?? []).filter((s) => !s.isGroup);
  const bookable = leaves.filter((s) => s.booking.enabled && s.active);
  const items = list.data?.items ?? [];
  const when = (a: { start: string; name: string }) => ({
    name: a.name,
    time: officeClock(a.start, language, timeZone),
  });

  const onCancel = (a: StaffAppointment) => {
    if (!window.confirm(t("cancelConfirm", when(a)))) return;
    setResult(null);
    cancel.mutate(a.code, { onSuccess: () => setResult(t("cancelled", when(a))) });
  };
  const failure = cancel.error ?? list.error ?? services.error;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("title")}</Title>
        <Button onClick={() => setBooking(true)} data-testid="book-visitor">
          {t("book")}
        </Button>
      </Group>
      <Group align="flex-end">
        <DayField
          label={t("day")}
          value={day}
          onChange={(d) => setDay(d)}
          w={200}
          data-testid="appointments-day"
        />
        <Select
          label={t("service")}
          placeholder={t("allServices")}
          data={leaves.map((s) => ({ value: s.id, label: localName(s, language) }))}
          value={serviceId}
          onChange={setServiceId}
          clearable
          searchable
          w={300}
        />
      </Group>
      {result && (
        <Alert
          color="green"
          withCloseButton
          onClose={() => setResult(null)}
          data-testid="appointments-result"
        >
          {result}
        </Alert>
      )}
      {failure && (
        <Alert color="red" withCloseButton onClose={() => cancel.reset()}>
          {failure instanceof ApiError && i18n.exists(`errors.${failure.code}`, { ns: NS })
            ? i18n.t(`errors.${failure.code}`, { ns: NS })
            : errorMessage(t, failure)}
        </Alert>
      )}
      {list.isPending ? (
        <Loader size="sm" />
      ) : items.length === 0 ? (
        <Text c="dimmed" data-testid="appointments-empty">
          {t("none")}
        </Text>
      ) : (
        <>
          <Text c="dimmed" size="sm" data-testid="appointments-total">
            {t("total", {
              count: items.filter((a) => a.status !== "cancelled").length,
              checkedIn: items.filter((a) => a.status === "checked_in").length,
              cancelled: items.filter((a) => a.status === "cancelled").length,
            })}
          </Text>
          <AppointmentsTable
            items={items}
            services={leaves}
            timeZone={timeZone}
            cancelling={cancel.isPending}
            onCancel={onCancel}
          />
        </>
      )}
      {booking && (
        <BookDialog
          services={bookable}
          initialServiceId={serviceId && bookable.some((s) => s.id === serviceId) ? serviceId : null}
          initialDay={day}
          timeZone={timeZone}
          onClose={() => setBooking(false)}
          onBooked={(a) => {
            setBooking(false);
            setResult(
              t("booked", {
                ...when(a),
                day: officeDate(a.start, language, timeZone),
                code: formatTicketCode(a.code),
              }),
            );
          }}
        />
      )}
    </Stack>
  );
}

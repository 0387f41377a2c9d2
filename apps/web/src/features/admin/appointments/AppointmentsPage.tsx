import { formatTicketCode, type StaffAppointment } from "@dq/shared";
import { Alert, Button, Group, Loader, Select, Stack, Title } from "@mantine/core";
import { useState } from "react";
import { DayField } from "../../../app/DayField.tsx";
import { useLiveQueries } from "../../../app/events.ts";
import { useOffice } from "../../../app/office.ts";
import { localName } from "../../operator/format.ts";
import { BookDialog } from "./BookDialog.tsx";
import { CancelDialog } from "./CancelDialog.tsx";
import { DayList } from "./DayList.tsx";
import { officeClock, officeDate, officeToday } from "./office-time.ts";
import { failureText, useAppointmentsTranslation } from "./texts.ts";
import { useAppointmentList, useServices } from "./useAppointments.ts";

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
  useLiveQueries("staff");
  const office = useOffice();
  const timeZone = office.data?.timezone;
  const [chosenDay, setDay] = useState<string | null>(null);
  const day = chosenDay ?? officeToday(timeZone);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [booking, setBooking] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<StaffAppointment | null>(null);
  const list = useAppointmentList(day, serviceId);
  const services = useServices();
  const leaves = (services.data?.items ?? []).filter((s) => !s.isGroup);
  const bookable = leaves.filter((s) => s.booking.enabled && s.active);
  const items = list.data?.items ?? [];
  const when = (a: { start: string; name: string }) => ({
    name: a.name,
    time: officeClock(a.start, language, timeZone),
  });

  const failure = list.error ?? services.error;
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
      {failure && <Alert color="red">{failureText(t, failure)}</Alert>}
      {list.isPending ? (
        <Loader size="sm" />
      ) : (
        <DayList
          items={items}
          services={leaves}
          timeZone={timeZone}
          cancelling={cancelling !== null}
          onCancel={setCancelling}
          onCheckedIn={setResult}
        />
      )}
      {cancelling && (
        <CancelDialog
          appointment={cancelling}
          when={when(cancelling)}
          onClose={() => setCancelling(null)}
          onCancelled={() => {
            setCancelling(null);
            setResult(t("cancelled", when(cancelling)));
          }}
        />
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

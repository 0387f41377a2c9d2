import { appointmentCreateSchema, type BookingSlot, type Service } from "@dq/shared";
import { Alert, Button, Chip, Group, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useRef, useState } from "react";
import { ApiError } from "../../../app/api.ts";
import { DayField } from "../../../app/DayField.tsx";
import { errorMessage } from "../../../app/errors.ts";
import { issueText, zodIssueText } from "../../../app/field-issues.ts";
import i18n from "../../../app/i18n.ts";
import { localName } from "../../operator/format.ts";
import { TitledModal } from "../directory-kit/TitledModal.tsx";
import { officeClock } from "./office-time.ts";
import { NS, useAppointmentsTranslation } from "./texts.ts";
import { useBook, useSlots } from "./useAppointments.ts";

/** A random Idempotency-Key; getRandomValues works on plain http too (randomUUID does not). */
const newKey = () =>
  `staff-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("")}`;

/** A failure in this dialog's words where it has them (slot taken, phone's limit), else the app's. */
function bookError(t: ReturnType<typeof useAppointmentsTranslation>["t"], error: unknown): string {
  if (error instanceof ApiError && i18n.exists(`errors.${error.code}`, { ns: NS }))
    return i18n.t(`errors.${error.code}`, { ns: NS });
  return errorMessage(t, error);
}

/**
 * «Записать посетителя»: a bookable service, a day, one of its free times, the visitor's name and
 * phone; booked as staff (`origin: "staff"`). Hands the booking back so the page can say its code.
 */
export function BookDialog({
  services,
  initialServiceId,
  initialDay,
  timeZone,
  onBooked,
  onClose,
}: {
  services: Service[];
  initialServiceId: string | null;
  initialDay: string;
  timeZone: string | undefined;
  onBooked: (booked: { code: string; start: string; name: string }) => void;
  onClose: () => void;
}) {
  const {
    t,
    i18n: { language },
  } = useAppointmentsTranslation();
  const form = useBookForm(services, initialServiceId, initialDay, onBooked);
  const { serviceId, day, start, name, phone, errors, slots, book } = form;

  return (
    <TitledModal title={t("dialog.title")} onClose={onClose} size="lg" data-testid="book-dialog">
      <Stack>
        {services.length === 0 && <Alert color="orange">{t("dialog.noServices")}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t("dialog.service")}
            data={services.map((s) => ({ value: s.id, label: localName(s, language) }))}
            value={serviceId}
            onChange={(id) => {
              form.setServiceId(id);
              form.setStart(null);
            }}
            allowDeselect={false}
            searchable
          />
          <DayField
            label={t("dialog.day")}
            value={day}
            onChange={(d) => {
              form.setDay(d);
              form.setStart(null);
            }}
          />
        </SimpleGrid>
        <SlotPicker
          slots={slots.data}
          loading={slots.isFetching && !slots.data}
          error={slots.error}
          value={start}
          onChange={form.setStart}
          timeZone={timeZone}
        />
        {errors.start && (
          <Text c="red" size="xs">
            {errors.start}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t("dialog.name")}
            withAsterisk
            value={name}
            onChange={(e) => form.setName(e.currentTarget.value)}
            error={errors.name}
          />
          <TextInput
            label={t("dialog.phone")}
            description={t("dialog.phoneHint")}
            type="tel"
            value={phone}
            onChange={(e) => form.setPhone(e.currentTarget.value)}
            error={errors.phone}
          />
        </SimpleGrid>
        {book.error && !(book.error instanceof ApiError && Object.keys(book.error.fieldErrors).length) && (
          <Alert color="red" data-testid="book-error">
            {bookError(t, book.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("dialog.cancel")}
          </Button>
          <Button onClick={form.submit} loading={book.isPending} disabled={!serviceId}>
            {t("dialog.submit")}
          </Button>
        </Group>
      </Stack>
    </TitledModal>
  );
}

/** The dialog's fields, the day's slots, and the booking: checked with the API's schema before it is sent. */
function useBookForm(
  services: Service[],
  initialServiceId: string | null,
  initialDay: string,
  onBooked: (booked: { code: string; start: string; name: string }) => void,
) {
  const { t } = useAppointmentsTranslation();
  const [serviceId, setServiceId] = useState(initialServiceId ?? services[0]?.id ?? null);
  const [day, setDay] = useState<string | null>(initialDay);
  const [start, setStart] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const slots = useSlots(serviceId, day);
  const book = useBook();
  const key = useRef({ body: "", key: "" });

  const submit = () => {
    const body = {
      serviceId: serviceId ?? "",
      start: start ?? "",
      name: name.trim(),
      ...(phone.trim() ? { phone } : {}),
    };
    const found: Record<string, string> = {};
    if (!start) found.start = t("dialog.required");
    const parsed = appointmentCreateSchema.safeParse(body);
    if (!parsed.success)
      for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= zodIssueText(issue);
    if (!body.name) found.name = t("dialog.required");
    setErrors(found);
    if (Object.keys(found).length) return;
    // The same form sent again (a double click, a retry) keeps its key: one booking.
    const text = JSON.stringify(body);
    if (key.current.body !== text) key.current = { body: text, key: newKey() };
    book.mutate(
      { body, key: key.current.key },
      {
        onSuccess: onBooked,
        onError: (error) => {
          if (error instanceof ApiError && (error.code === "slot_full" || error.code === "not_a_slot")) {
            setStart(null);
            void slots.refetch();
          }
          const fields = error instanceof ApiError ? error.fieldErrors : {};
          setErrors(Object.fromEntries(Object.entries(fields).map(([f, issue]) => [f, issueText(issue)])));
        },
      },
    );
  };

  return {
    serviceId,
    setServiceId,
    day,
    setDay,
    start,
    setStart,
    name,
    setName,
    phone,
    setPhone,
    errors,
    slots,
    book,
    submit,
  };
}

/** The day's slots as choices «10:00»; a full one is shown, greyed. */
function SlotPicker(props: {
  slots: BookingSlot[] | undefined;
  loading: boolean;
  error: unknown;
  value: string | null;
  onChange: (start: string | null) => void;
  timeZone: string | undefined;
}) {
  const {
    t,
    i18n: { language },
  } = useAppointmentsTranslation();
  if (props.error) return <Alert color="red">{errorMessage(t, props.error)}</Alert>;
  if (props.loading)
    return (
      <Text size="sm" c="dimmed">
        {t("dialog.slotsLoading")}
      </Text>
    );
  const slots = props.slots ?? [];
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t("dialog.slot")}
      </Text>
      {slots.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-slots">
          {t("dialog.noSlots")}
        </Text>
      ) : (
        <Chip.Group multiple={false} value={props.value} onChange={(v) => props.onChange(v || null)}>
          <Group gap={6} data-testid="slots">
            {slots.map((s) => (
              <Chip
                key={s.start}
                value={s.start}
                type="radio"
                disabled={s.free === 0}
                title={s.free === 0 ? t("dialog.full") : t("dialog.free", { count: s.free })}
              >
                {officeClock(s.start, language, props.timeZone)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}
    </Stack>
  );
}

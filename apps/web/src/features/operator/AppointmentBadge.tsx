import type { Ticket } from "@dq/shared";
import { Badge, Group, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { intlLocale } from "../../app/day-format.ts";
import { useOffice } from "../../app/office.ts";
import { NS } from "./texts.ts";

/** Formats an instant as the office's clock shows it: "10:00". */
export function useOfficeClock(): (at: string) => string {
  const { i18n } = useTranslation(NS);
  const office = useOffice();
  return (at) =>
    new Date(at).toLocaleTimeString(intlLocale(i18n.language), {
      hour: "2-digit",
      minute: "2-digit",
      timeZone: office.data?.timezone,
    });
}

/**
 * A booked visitor's ticket: «Запись 10:00», and «опоздал» when he checked in after the grace
 * period (then he waits as a walk-in). Nothing for a walk-in's ticket.
 */
export function AppointmentBadge({ ticket, size = "md" }: { ticket: Ticket; size?: "xs" | "md" }) {
  const { t } = useTranslation(NS);
  const appointment = ticket.appointment;
  const clock = useOfficeClock();
  if (!appointment) return null;
  const time = clock(appointment.start);
  return (
    <Group gap={4} wrap="nowrap" data-testid="appointment-badge">
      <Badge color="teal" variant={size === "xs" ? "light" : "filled"} size={size} miw="max-content">
        {t("appointment.badge", { time })}
      </Badge>
      {appointment.late && (
        <Tooltip label={t("appointment.lateHint")}>
          <Badge color="orange" variant="light" size={size} miw="max-content" data-testid="appointment-late">
            {t("appointment.late")}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

/** The name the visitor booked under, at the window: the operator greets him by it. */
export function AppointmentName({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation(NS);
  if (!ticket.appointment) return null;
  return (
    <Text size="lg" data-testid="appointment-name">
      <Text span c="dimmed">
        {t("appointment.name")}:
      </Text>{" "}
      <b>{ticket.appointment.name}</b>
    </Text>
  );
}

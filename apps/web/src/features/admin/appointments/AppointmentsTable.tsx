import { formatPhone, type Service, type StaffAppointment } from "@dq/shared";
import { Badge, Button, Group, Stack, Table, Text, Tooltip } from "@mantine/core";
import { localName } from "../../operator/format.ts";
import { officeClock } from "./office-time.ts";
import { useAppointmentsTranslation } from "./texts.ts";

const STATUS_COLORS: Record<StaffAppointment["status"], string> = {
  booked: "blue",
  checked_in: "green",
  cancelled: "gray",
  no_show: "red",
};

/** The day's appointments in time order: who, when, for what, whether he came, and his ticket. */
export function AppointmentsTable({
  items,
  services,
  timeZone,
  busy,
  onCancel,
  onCheckIn,
}: {
  items: StaffAppointment[];
  services: Service[];
  timeZone: string | undefined;
  /** A cancel or a check-in is under way: the rows' buttons wait. */
  busy: boolean;
  onCancel: (a: StaffAppointment) => void;
  onCheckIn: (a: StaffAppointment) => void;
}) {
  const { t, i18n } = useAppointmentsTranslation();
  const lang = i18n.language;
  const serviceName = (a: StaffAppointment) => {
    const s = services.find((x) => x.id === a.serviceId);
    return s
      ? localName(s, lang)
      : localName({ name: a.serviceName, translations: a.serviceTranslations }, lang);
  };
  const sorted = [...items].sort((a, b) => a.start.localeCompare(b.start) || a.name.localeCompare(b.name));
  return (
    <Table highlightOnHover verticalSpacing="xs" data-testid="appointments">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("time")}</Table.Th>
          <Table.Th>{t("name")}</Table.Th>
          <Table.Th>{t("phone")}</Table.Th>
          <Table.Th>{t("service")}</Table.Th>
          <Table.Th>{t("status")}</Table.Th>
          <Table.Th>{t("ticket")}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((a) => (
          <Table.Tr key={a.code} data-testid="appointment-row" data-code={a.code} data-status={a.status}>
            <Table.Td style={{ whiteSpace: "nowrap" }} ff="monospace">
              {officeClock(a.start, lang, timeZone)}–{officeClock(a.end, lang, timeZone)}
            </Table.Td>
            <Table.Td>
              <Text fw={500}>{a.name}</Text>
              {/* The server does not say which staff member booked: the tag says how it was booked. */}
              <Tooltip label={t(`originHint.${a.origin}`)}>
                <Text size="xs" c="dimmed" w="fit-content" data-testid="appointment-origin">
                  {t(`origin.${a.origin}`)}
                </Text>
              </Tooltip>
            </Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>
              {a.phone ? <a href={`tel:${a.phone}`}>{formatPhone(a.phone)}</a> : "—"}
            </Table.Td>
            <Table.Td>{serviceName(a)}</Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <Badge color={STATUS_COLORS[a.status]} variant="light" miw="max-content">
                  {t(`statuses.${a.status}`)}
                </Badge>
                {a.late && (
                  <Badge color="orange" variant="light" miw="max-content">
                    {t("late")}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              {a.ticket ? (
                <Stack gap={0}>
                  <Text fw={700} ff="monospace">
                    {a.ticket.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`ticketStatus.${a.ticket.status}`, { defaultValue: a.ticket.status })}
                  </Text>
                </Stack>
              ) : (
                <Text c="dimmed">—</Text>
              )}
            </Table.Td>
            <Table.Td>
              {a.status === "booked" && (
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="xs"
                    variant="light"
                    disabled={busy}
                    aria-label={`${t("checkIn")}: ${a.name}, ${officeClock(a.start, lang, timeZone)}`}
                    onClick={() => onCheckIn(a)}
                  >
                    {t("checkIn")}
                  </Button>
                  <Button
                    size="xs"
                    color="red"
                    variant="subtle"
                    disabled={busy}
                    aria-label={`${t("cancel")}: ${a.name}, ${officeClock(a.start, lang, timeZone)}`}
                    onClick={() => onCancel(a)}
                  >
                    {t("cancel")}
                  </Button>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

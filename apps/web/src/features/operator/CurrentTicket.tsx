import type { Ticket } from "@dq/shared";
import { Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNow } from "../../app/use-now.ts";
import { AppointmentBadge, AppointmentName } from "./AppointmentBadge.tsx";
import { duration, localName, secondsBetween } from "./format.ts";
import { RemoteBadges } from "./RemoteBadges.tsx";
import { NS } from "./texts.ts";
import { useDirectories } from "./useWorkplace.ts";

/** The client at the window: the ticket's label, service and category, and how long each phase took. */
export function CurrentTicket({
  ticket,
  serviceName,
  readOnly,
  servesHere = true,
}: {
  ticket: Ticket | null;
  serviceName: (id: string) => string;
  readOnly: boolean;
  /** False at a workstation serving none of his services: no "call the next client" hint then. */
  servesHere?: boolean;
}) {
  const { t, i18n } = useTranslation(NS);
  const now = useNow(1000);
  const dirs = useDirectories();
  if (!ticket) {
    return (
      <Card withBorder padding="xl" data-testid="current-ticket">
        <Title order={3} c="dimmed">
          {t("ticket.none")}
        </Title>
        {!readOnly && servesHere && <Text c="dimmed">{t("ticket.noneHint")}</Text>}
      </Card>
    );
  }
  const category = ticket.categoryId
    ? dirs.categories.data?.items.find((c) => c.id === ticket.categoryId)
    : null;
  const phaseStart = ticket.status === "serving" ? ticket.startedAt : ticket.calledAt;
  return (
    <Card withBorder padding="xl" data-testid="current-ticket">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text fz={64} fw={800} lh={1} data-testid="current-label">
            {ticket.label}
          </Text>
          <Text size="lg" fw={600}>
            {serviceName(ticket.serviceId)}
          </Text>
          <AppointmentBadge ticket={ticket} />
          <AppointmentName ticket={ticket} />
          <RemoteBadges ticket={ticket} showPhone />
          {category && (
            <Badge color="grape" variant="light">
              {t("ticket.category")}: {localName(category, i18n.language)}
            </Badge>
          )}
        </Stack>
        <Stack gap={2} align="flex-end">
          <Text size="sm" c="dimmed">
            {ticket.status === "serving" ? t("ticket.servingFor") : t("ticket.calledFor")}
          </Text>
          <Text fz={36} fw={700} ff="monospace" data-testid="phase-timer">
            {duration(secondsBetween(phaseStart, now))}
          </Text>
          <Text size="sm" c="dimmed">
            {t("ticket.waited")}: {duration(secondsBetween(ticket.enqueuedAt, ticket.calledAt))}
          </Text>
          {ticket.callCount > 1 && (
            <Badge color="yellow">{t("ticket.calls", { count: ticket.callCount })}</Badge>
          )}
        </Stack>
      </Group>
      {ticket.note && (
        <Text mt="md" size="sm">
          <b>{t("ticket.note")}:</b> {ticket.note}
        </Text>
      )}
    </Card>
  );
}

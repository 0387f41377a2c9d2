import type { Dashboard } from "@dq/shared";
import { Badge, Button, Card, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { duration, secondsBetween } from "../../operator/format.ts";
import { STATUS_COLORS } from "../../operator/statusColors.ts";
import { NS } from "../texts.ts";

/** A pause longer than this shows red. */
const LONG_PAUSE_SECONDS = 15 * 60;

/**
 * A workstation now: its status, who works there, the client at it and for how long; a supervisor
 * may watch it or free it.
 */
export function WorkstationCard({
  workstation: w,
  now,
  serviceName,
  releasing,
  onRelease,
}: {
  workstation: Dashboard["workstations"][number];
  now: Date;
  serviceName: (id: string) => string;
  releasing: boolean;
  onRelease: () => void;
}) {
  const { t } = useTranslation(NS);
  const phase = w.ticket ? (w.ticket.status === "serving" ? w.ticket.startedAt : w.ticket.calledAt) : w.since;
  const long = w.status === "paused" && secondsBetween(w.since, now) > LONG_PAUSE_SECONDS;
  return (
    <Card withBorder padding="md" data-testid="dashboard-workstation" style={{ opacity: w.active ? 1 : 0.5 }}>
      <Group justify="space-between" mb={4}>
        <Text fw={700}>{w.name}</Text>
        <Badge color={long ? "red" : STATUS_COLORS[w.status]}>
          {t(`status.${w.status}`)}
          {w.pauseReason ? ` · ${w.pauseReason}` : ""}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {w.employee?.name ?? t("dashboard.nobody")}
      </Text>
      {w.ticket && (
        <Group gap="xs" mt={6}>
          <Text fw={800} fz="xl" ff="monospace">
            {w.ticket.label}
          </Text>
          <Text size="sm">{serviceName(w.ticket.serviceId)}</Text>
        </Group>
      )}
      {w.employee && (
        <Text size="sm" ff="monospace" mt={4}>
          {duration(secondsBetween(phase, now))}
        </Text>
      )}
      {w.employee && (
        <Group gap="xs" mt="sm">
          <Button size="compact-sm" variant="light" component={Link} to={`/operator?workstation=${w.id}`}>
            {t("dashboard.watch")}
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            loading={releasing}
            onClick={() => window.confirm(t("dashboard.releaseConfirm", { number: w.number })) && onRelease()}
          >
            {t("dashboard.release")}
          </Button>
        </Group>
      )}
    </Card>
  );
}

import type { Ticket } from "@dq/shared";
import { Alert, Badge, Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNow } from "../../app/use-now.ts";
import { AppointmentBadge } from "./AppointmentBadge.tsx";
import { duration, secondsBetween } from "./format.ts";
import { awaitsArrival } from "./nobody-callable.ts";
import { PanelCard } from "./PanelCard.tsx";
import { RemoteBadges } from "./RemoteBadges.tsx";
import { NS } from "./texts.ts";

/**
 * Why nobody can be called: nobody waits ("empty"), or no service fits both the operator and the
 * workstation (as the operator, a supervisor watching him, or at a window with nobody there).
 */
export type WhyNobody = "empty" | "notServedHere" | "notServedHereWatched" | "servesNothing";

/** The clients this workplace may call, in queue order, each with a button to call him out of turn. */
export function WaitingList({
  waiting,
  whyNobody,
  serviceName,
  canCall,
  onCall,
}: {
  waiting: Ticket[];
  whyNobody: WhyNobody;
  serviceName: (id: string) => string;
  canCall: boolean;
  /** Absent when the workplace is only watched. */
  onCall?: (ticketId: string) => void;
}) {
  const { t } = useTranslation(NS);
  const now = useNow(1000);
  return (
    <PanelCard title={t("side.list")}>
      {waiting.length === 0 && whyNobody !== "empty" ? (
        <Alert color="orange" data-testid="nobody-callable" p="xs">
          {t(`side.${whyNobody}`)}
        </Alert>
      ) : waiting.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="nobody-callable">
          {t("side.empty")}
        </Text>
      ) : (
        <Stack gap={6} data-testid="waiting-list" mah={360} style={{ overflowY: "auto" }}>
          {waiting.map((w) => (
            <Group
              key={w.id}
              justify="space-between"
              wrap="nowrap"
              data-testid="waiting-ticket"
              data-label={w.label}
              data-awaiting={awaitsArrival(w) || undefined}
              // Call next passes over it until the visitor checks in: greyed, still callable by hand.
              style={awaitsArrival(w) ? { opacity: 0.55 } : undefined}
            >
              <Group gap="xs" style={{ flex: 1, minWidth: 0, rowGap: 2 }}>
                <Text fw={700} ff="monospace">
                  {w.label}
                </Text>
                <Text size="sm" c="dimmed" truncate>
                  {serviceName(w.serviceId)}
                </Text>
                {w.categoryId && (
                  <Badge color="grape" size="xs">
                    ★
                  </Badge>
                )}
                <AppointmentBadge ticket={w} size="xs" />
                <RemoteBadges ticket={w} size="xs" />
              </Group>
              <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
                <Text size="sm" ff="monospace">
                  {duration(secondsBetween(w.enqueuedAt, now))}
                </Text>
                {onCall && (
                  <Button size="compact-sm" variant="light" disabled={!canCall} onClick={() => onCall(w.id)}>
                    {t("actions.call")}
                  </Button>
                )}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </PanelCard>
  );
}

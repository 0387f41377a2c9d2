import type { Ticket } from "@dq/shared";
import { Badge, Group, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { awaitsArrival } from "./nobody-callable.ts";
import "./remote-texts.ts";
import { NS } from "./texts.ts";

/**
 * A remote ticket's marks: «Удалённо» (the masked phone in its tooltip, or beside it with
 * `showPhone`), «ждём прихода» until the visitor checks in, and «отходил N раз» once he postponed.
 * Any ticket may have been postponed, so that mark is not only for remote ones.
 */
export function RemoteBadges({
  ticket,
  size = "md",
  showPhone = false,
}: {
  ticket: Ticket;
  size?: "xs" | "md";
  showPhone?: boolean;
}) {
  const { t } = useTranslation(NS);
  const remote = ticket.source === "remote";
  if (!remote && ticket.postponeCount === 0) return null;
  const badge = { size, miw: "max-content", variant: size === "xs" ? "light" : "filled" } as const;
  return (
    <Group gap={4} wrap="nowrap" data-testid="remote-badges">
      {remote && (
        <Tooltip
          label={
            ticket.phoneMasked ? `${t("remote.badgeHint")} · ${ticket.phoneMasked}` : t("remote.badgeHint")
          }
        >
          <Badge color="indigo" {...badge} data-testid="remote-badge">
            {t("remote.badge")}
          </Badge>
        </Tooltip>
      )}
      {awaitsArrival(ticket) && (
        <Tooltip label={t("remote.awaitingHint")} multiline w={280}>
          <Badge color="gray" {...badge} variant="outline" data-testid="awaiting-arrival">
            {t("remote.awaiting")}
          </Badge>
        </Tooltip>
      )}
      {ticket.postponeCount > 0 && (
        <Tooltip label={t("remote.postponedHint")}>
          <Badge color="yellow" {...badge} variant="light" data-testid="postponed">
            {t("remote.postponed", { count: ticket.postponeCount })}
          </Badge>
        </Tooltip>
      )}
      {showPhone && ticket.phoneMasked && (
        <Text size="sm" ff="monospace" c="dimmed" data-testid="phone-masked" aria-label={t("remote.phone")}>
          {ticket.phoneMasked}
        </Text>
      )}
    </Group>
  );
}

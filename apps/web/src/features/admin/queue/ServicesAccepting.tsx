import type { Service } from "@dq/shared";
import { Card, Stack, Switch, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { localName } from "../../operator/format.ts";
import { NS } from "../texts.ts";

/** A switch per service: whether kiosks issue its tickets now. */
export function ServicesAccepting({
  leaves,
  onToggle,
}: {
  leaves: Service[];
  onToggle: (serviceId: string, accepting: boolean) => void;
}) {
  const { t, i18n } = useTranslation(NS);
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t("queue.services")}
      </Title>
      <Stack gap="xs" data-testid="queue-services">
        {leaves.map((s) => (
          <Switch
            key={s.id}
            checked={s.acceptingTickets}
            label={localName(s, i18n.language) + (s.acceptingTickets ? "" : ` — ${t("queue.closedNow")}`)}
            onChange={(e) => onToggle(s.id, e.currentTarget.checked)}
          />
        ))}
      </Stack>
    </Card>
  );
}

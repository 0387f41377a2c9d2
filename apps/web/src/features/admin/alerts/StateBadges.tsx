import type { Alert } from "@dq/shared";
import { Badge, Group } from "@mantine/core";
import { useAlertsTranslation } from "./texts.ts";

/** Open (red) or resolved (green), and whether it escalated. */
export function StateBadges({ alert }: { alert: Alert }) {
  const { t } = useAlertsTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge
        color={alert.status === "open" ? "red" : "green"}
        variant="light"
        miw="max-content"
        data-testid="alert-state"
      >
        {t(`state.${alert.status}`)}
      </Badge>
      {alert.escalatedAt && (
        <Badge color="orange" variant="light" miw="max-content">
          {t("state.escalated")}
        </Badge>
      )}
    </Group>
  );
}

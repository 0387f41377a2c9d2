import type { AlertChannel } from "@dq/shared";
import { Badge, Group } from "@mantine/core";
import { channelText } from "./alertText.ts";
import { useAlertsTranslation } from "./texts.ts";

const CHANNEL_COLOR = { in_app: "indigo", email: "blue", telegram: "cyan", webhook: "grape" } as const;

/** A badge per channel, its address in the tooltip. */
export function ChannelBadges({ channels }: { channels: AlertChannel[] }) {
  const { t } = useAlertsTranslation();
  return (
    <Group gap={4}>
      {channels.map((c, i) => (
        <Badge
          // biome-ignore lint/suspicious/noArrayIndexKey: the same channel may be listed twice
          key={i}
          color={CHANNEL_COLOR[c.type]}
          variant="light"
          tt="none"
          miw="max-content"
          title={channelText(t, c)}
          data-testid="rule-channel"
        >
          {t(`channelTypes.${c.type}`)}
        </Badge>
      ))}
    </Group>
  );
}

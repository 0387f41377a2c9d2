import type { AlertChannel } from "@dq/shared";
import { Badge, Group, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { channelText } from "./alertText.ts";
import { useAlertsTranslation } from "./texts.ts";

/** A message to one channel: where it went, a badge saying how it went, then any details. */
export function ChannelOutcome(props: {
  channel: AlertChannel;
  badge: { color: string; label: string };
  children?: ReactNode;
  /** data-testid and data-* attributes for tests. */
  attributes: Record<string, string | boolean>;
}) {
  const { t } = useAlertsTranslation();
  return (
    <Stack gap={2} p="xs" bd="1px solid var(--mantine-color-gray-3)" bdrs="sm" {...props.attributes}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
          {channelText(t, props.channel)}
        </Text>
        <Badge color={props.badge.color} variant="light" miw="max-content">
          {props.badge.label}
        </Badge>
      </Group>
      {props.children}
    </Stack>
  );
}

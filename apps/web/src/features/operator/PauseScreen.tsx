import type { OperatorState } from "@dq/shared";
import { Card, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNow } from "../../app/use-now.ts";
import { duration, localName, secondsBetween } from "./format.ts";
import { NS } from "./texts.ts";
import { useDirectories } from "./useWorkplace.ts";

/** A pause's reason in the current language: the server keeps it as said, the office's list has its translation. */
export function usePauseReason(reason: string | null): string | null {
  const { i18n } = useTranslation(NS);
  const known = useDirectories().pauseReasons.data?.items.find((r) => r.name === reason);
  return known ? localName(known, i18n.language) : reason;
}

/** In place of the client while the operator is on a pause: its reason and how long it has lasted. */
export function PauseScreen({ state, readOnly }: { state: OperatorState; readOnly: boolean }) {
  const { t } = useTranslation(NS);
  const now = useNow(1000);
  const reason = usePauseReason(state.pauseReason);
  return (
    <Card withBorder padding="xl" bg="orange.0" data-testid="pause-screen">
      <Stack gap="xs">
        <Title order={3}>{t("status.paused")}</Title>
        {reason && (
          <Text fz={28} fw={700} data-testid="pause-reason">
            {reason}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {t("pause.lasts")}
        </Text>
        <Text fz={48} fw={700} ff="monospace" lh={1} data-testid="pause-timer">
          {duration(secondsBetween(state.since, now))}
        </Text>
        {!readOnly && <Text c="dimmed">{t("pause.hint")}</Text>}
      </Stack>
    </Card>
  );
}

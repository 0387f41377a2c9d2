import { Alert, Group, Loader, Stack, Text } from "@mantine/core";
import { TitledModal } from "../directory-kit/TitledModal.tsx";
import { ChannelOutcome } from "./ChannelOutcome.tsx";
import { alertError } from "./errors.ts";
import { useAlertsTranslation } from "./texts.ts";
import type { useTestRule } from "./useAlerts.ts";

/** What a test message to each of a rule's channels (and its escalation's) came to. */
export function TestResultsModal({
  name,
  test,
  onClose,
}: {
  name: string;
  test: ReturnType<typeof useTestRule>;
  onClose: () => void;
}) {
  const { t } = useAlertsTranslation();
  return (
    <TitledModal onClose={onClose} size="lg" title={t("rules.testTitle", { name })}>
      {test.isPending && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t("rules.testSending")}</Text>
        </Group>
      )}
      {test.error && <Alert color="red">{alertError(t, test.error)}</Alert>}
      {test.data && test.data.results.length === 0 && (
        <Text size="sm" data-testid="rule-test-in-app">
          {t("rules.testInAppOnly")}
        </Text>
      )}
      {test.data && (
        <Stack gap="xs" data-testid="rule-test-results">
          {test.data.results.map((r, i) => (
            <ChannelOutcome
              // biome-ignore lint/suspicious/noArrayIndexKey: results come in the rule's channel order
              key={i}
              channel={r.channel}
              badge={
                r.ok
                  ? { color: "green", label: t("rules.testOk") }
                  : { color: "red", label: t("rules.testFailed") }
              }
              attributes={{ "data-testid": "rule-test-result", "data-ok": r.ok }}
            >
              {r.error && (
                <Text size="xs" c="red" style={{ overflowWrap: "anywhere" }}>
                  {r.error}
                </Text>
              )}
            </ChannelOutcome>
          ))}
        </Stack>
      )}
    </TitledModal>
  );
}

import type { OperatorState } from "@dq/shared";
import { Group, Stack, Text, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ActionButton } from "./ActionButton.tsx";
import { KEYS } from "./allowedActions.ts";
import { NS } from "./texts.ts";
import type { WorkplaceControls } from "./useWorkplaceControls.ts";

/** The buttons of what the operator may do now; a watched workplace shows none. */
export function TicketActions({
  state,
  readOnly,
  controls,
}: {
  state: OperatorState;
  readOnly: boolean;
  controls: WorkplaceControls;
}) {
  const { t } = useTranslation(NS);
  const { allowed, handlers, busy } = controls;
  if (readOnly) return state.employee ? null : <Text c="dimmed">{t("workplace.nobody")}</Text>;
  if (allowed.resume) {
    return (
      <ActionButton keyCode={KEYS.pause} color="orange" busy={busy} onClick={handlers.resume}>
        {t("actions.resume")}
      </ActionButton>
    );
  }
  if (!state.ticket) {
    return (
      <Stack gap="xs">
        <Group>
          <ActionButton
            keyCode={KEYS.callNext}
            size="xl"
            busy={busy || !allowed.callNext}
            onClick={handlers.callNext}
          >
            {t("actions.callNext")}
          </ActionButton>
          <ActionButton
            keyCode={KEYS.pause}
            variant="default"
            busy={busy}
            onClick={() => controls.setPausing(true)}
          >
            {t("actions.pause")}
          </ActionButton>
        </Group>
        {!controls.servesHere && (
          <Text c="orange.8" fw={500} data-testid="cannot-call-here">
            {t("actions.cannotCallHere")}
          </Text>
        )}
      </Stack>
    );
  }
  if (allowed.finish || allowed.redirect) return <ServingActions controls={controls} />;
  return <CalledActions controls={controls} />;
}

/** The client has been called: he came (start), is called again, did not come, or waits again. */
function CalledActions({ controls }: { controls: WorkplaceControls }) {
  const { t } = useTranslation(NS);
  const { allowed, handlers, busy } = controls;
  return (
    <Group>
      {allowed.start && (
        <ActionButton keyCode={KEYS.start} size="lg" color="green" busy={busy} onClick={handlers.start}>
          {t("actions.start")}
        </ActionButton>
      )}
      {allowed.recall && (
        <ActionButton keyCode={KEYS.recall} variant="light" busy={busy} onClick={handlers.recall}>
          {t("actions.recall")}
        </ActionButton>
      )}
      {allowed.noShow && (
        <ActionButton keyCode={KEYS.noShow} color="red" variant="light" busy={busy} onClick={handlers.noShow}>
          {t("actions.noShow")}
        </ActionButton>
      )}
      {allowed.returnToQueue && (
        <ActionButton
          keyCode={KEYS.returnToQueue}
          variant="default"
          busy={busy}
          onClick={handlers.returnToQueue}
        >
          {t("actions.returnToQueue")}
        </ActionButton>
      )}
    </Group>
  );
}

/** The client is being served: note the outcome and finish, or send him to another service. */
function ServingActions({ controls }: { controls: WorkplaceControls }) {
  const { t } = useTranslation(NS);
  const { allowed, handlers, busy } = controls;
  return (
    <Stack gap="sm">
      <Textarea
        label={t("actions.outcome")}
        value={controls.note}
        onChange={(e) => controls.setNote(e.currentTarget.value)}
        maxLength={2000}
        autosize
        minRows={2}
      />
      <Group>
        {allowed.finish && (
          <ActionButton keyCode={KEYS.finish} size="lg" color="green" busy={busy} onClick={handlers.finish}>
            {t("actions.finish")}
          </ActionButton>
        )}
        {allowed.redirect && (
          <ActionButton
            keyCode={KEYS.redirect}
            variant="light"
            busy={busy}
            onClick={() => controls.setRedirecting(true)}
          >
            {t("actions.redirect")}
          </ActionButton>
        )}
      </Group>
    </Stack>
  );
}

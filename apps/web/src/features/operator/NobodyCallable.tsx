import type { Ticket } from "@dq/shared";
import { Alert, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNow } from "../../app/use-now.ts";
import { useOfficeClock } from "./AppointmentBadge.tsx";
import { appointmentsNotYetDue, awaitingArrivalLabels } from "./nobody-callable.ts";
import "./remote-texts.ts";
import { NS } from "./texts.ts";

/**
 * Call next found nobody callable (the server's 204). Said aloud, or the button would seem broken;
 * an appointment checked in early is not callable before its start, but may be called by hand.
 */
export function NobodyCallable({ waiting, onClose }: { waiting: Ticket[]; onClose: () => void }) {
  const { t } = useTranslation(NS);
  const clock = useOfficeClock();
  const notDue = appointmentsNotYetDue(waiting, useNow(5000));
  const times = [...new Set(notDue.map((w) => clock(w.appointment!.start)))];
  // Remote tickets whose holders have not checked in: call next passes over them too.
  const notHere = awaitingArrivalLabels(waiting);
  return (
    <Alert color="blue" variant="light" withCloseButton onClose={onClose} data-testid="nobody-to-call">
      <Text fw={500}>{t("actions.nobodyWaiting")}</Text>
      {notDue.length > 0 && (
        <Text size="sm" data-testid="appointment-not-due">
          {t(notDue.length === 1 ? "actions.appointmentNotDue" : "actions.appointmentsNotDue", {
            times: times.join(", "),
          })}
        </Text>
      )}
      {notHere.length > 0 && (
        <Text size="sm" data-testid="awaiting-arrival-note">
          {t("remote.awaitingNobody", { count: notHere.length, labels: notHere.join(", ") })}
        </Text>
      )}
    </Alert>
  );
}

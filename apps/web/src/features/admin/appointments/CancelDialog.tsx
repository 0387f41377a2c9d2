import type { StaffAppointment } from "@dq/shared";
import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { TitledModal } from "../directory-kit/TitledModal.tsx";
import { failureText, useAppointmentsTranslation } from "./texts.ts";
import { useCancel } from "./useAppointments.ts";

/**
 * Asks before cancelling a booking (the place goes to others, and the visitor is not asked).
 * A failure is shown in the dialog, which stays open; `onCancelled` once the server has cancelled.
 */
export function CancelDialog({
  appointment,
  when,
  onClose,
  onCancelled,
}: {
  appointment: StaffAppointment;
  when: { name: string; time: string };
  onClose: () => void;
  onCancelled: () => void;
}) {
  const { t } = useAppointmentsTranslation();
  const cancel = useCancel();
  const busy = cancel.isPending;
  const error = cancel.error ? failureText(t, cancel.error) : null;
  const onConfirm = () => cancel.mutate(appointment.code, { onSuccess: onCancelled });
  return (
    <TitledModal title={t("cancelTitle")} onClose={onClose}>
      <Stack data-testid="cancel-appointment-dialog">
        <Text>{t("cancelConfirm", when)}</Text>
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t("keep")}
          </Button>
          <Button color="red" loading={busy} onClick={onConfirm} data-code={appointment.code}>
            {t("cancel")}
          </Button>
        </Group>
      </Stack>
    </TitledModal>
  );
}

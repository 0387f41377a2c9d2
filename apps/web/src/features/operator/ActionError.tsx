import { Alert } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isServerUnreachable } from "../../app/api.ts";
import { useOnReconnected } from "../../app/connection.ts";
import { errorMessage } from "../../app/errors.ts";
import { NS } from "./texts.ts";

/**
 * Why the last action failed. An action that could not reach the server is no mistake of the
 * operator's: it is said in orange ("try again in a moment") and cleared when the server is back.
 */
export function ActionError({ error, onClose }: { error: unknown; onClose: () => void }) {
  const { t } = useTranslation(NS);
  const unreachable = isServerUnreachable(error);
  useOnReconnected(() => {
    if (unreachable) onClose();
  });
  return (
    <Alert
      color={unreachable ? "orange" : "red"}
      role="alert"
      withCloseButton
      onClose={onClose}
      data-testid="action-error"
    >
      {errorMessage(t, error)}
    </Alert>
  );
}

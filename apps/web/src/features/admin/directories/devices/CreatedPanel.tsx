import type { Workstation } from "@dq/shared";
import { Alert, Button, CopyButton, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { QrCode } from "../../../surface-kit/QrCode.tsx";
import { TitledModal } from "../../directory-kit/TitledModal.tsx";
import { useDirectoryTranslation } from "../texts.ts";
import { type CreatedDevice, deviceUrl } from "./config.ts";

/** Shown once after creation: the token exists in plain text only in this answer. */
export function CreatedPanel({
  device,
  workstations,
  onClose,
}: {
  device: CreatedDevice;
  workstations: Workstation[];
  onClose: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const [counterNumber, setCounterNumber] = useState(workstations[0]?.number ?? "1");
  const feedback = device.kind === "feedback";
  const url = feedback ? device.token : deviceUrl(device.kind, device.token, counterNumber);
  return (
    <TitledModal
      onClose={onClose}
      size="lg"
      closeOnClickOutside={false}
      title={
        <>
          {t("devices.created")}: {device.name}
        </>
      }
    >
      <Stack data-testid="device-created">
        <Alert color="yellow" title={t("devices.url")}>
          {t("devices.onceWarning")}
        </Alert>
        {device.kind === "counter" && (
          <TextInput
            label={t("devices.counterNumber")}
            description={t("devices.counterHint")}
            value={counterNumber}
            onChange={(e) => setCounterNumber(e.currentTarget.value)}
            maxLength={8}
          />
        )}
        <UrlToCopy url={url} />
        {feedback ? (
          <Text size="sm" c="dimmed">
            {t("devices.feedbackHint")}
          </Text>
        ) : (
          <Stack gap={4} align="center">
            <Text size="sm" c="dimmed">
              {t("devices.qrHint")}
            </Text>
            <div style={{ width: 220, height: 220 }}>
              <QrCode value={url} className="dq-device-qr" />
            </div>
          </Stack>
        )}
        <Group justify="flex-end">
          <Button onClick={onClose}>{t("devices.done")}</Button>
        </Group>
      </Stack>
    </TitledModal>
  );
}

function UrlToCopy({ url }: { url: string }) {
  const { t } = useDirectoryTranslation();
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text ff="monospace" size="sm" style={{ wordBreak: "break-all" }} data-testid="device-url">
          {url}
        </Text>
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              miw="max-content"
              variant={copied ? "filled" : "light"}
              color={copied ? "green" : undefined}
              onClick={copy}
            >
              {copied ? t("devices.copied") : t("devices.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Paper>
  );
}

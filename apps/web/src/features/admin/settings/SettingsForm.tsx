import type { Branch } from "@dq/shared";
import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { dirError, isFieldError, useDirectoryTranslation } from "../directories/texts.ts";
import { BoardAndDayFields } from "./BoardAndDayFields.tsx";
import { BookingFields } from "./BookingFields.tsx";
import { CallingPolicyFields } from "./CallingPolicyFields.tsx";
import { OfficeFields } from "./OfficeFields.tsx";
import { RemoteJoinFields } from "./RemoteJoinFields.tsx";
import { TextFields } from "./TextFields.tsx";
import { useSettingsForm } from "./useSettingsForm.ts";
import { VisitorNotificationFields } from "./VisitorNotificationFields.tsx";

/** The office's settings as one form, saved with one request. */
export function SettingsForm({ branch }: { branch: Branch }) {
  const { t } = useDirectoryTranslation();
  const { form, save, saved } = useSettingsForm(branch);
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate data-testid="settings-form">
      <Stack>
        <OfficeFields form={form} savedTimezone={branch.timezone} />
        <TextFields form={form} />
        <BoardAndDayFields form={form} />
        <CallingPolicyFields form={form} />
        <BookingFields form={form} />
        <RemoteJoinFields form={form} />
        <VisitorNotificationFields form={form} />

        {save.error && !isFieldError(save.error) && <Alert color="red">{dirError(t, save.error)}</Alert>}
        <Group justify="flex-end">
          {saved && (
            <Text c="green" fw={500} data-testid="saved" role="status">
              ✓ {t("settings.saved")}
            </Text>
          )}
          <Button type="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Fieldset, NumberInput, SimpleGrid, Stack, Text } from "@mantine/core";
import { useDirectoryTranslation } from "../directories/texts.ts";
import "./remote-texts.ts";
import type { VisitorNotificationValues } from "./remoteValues.ts";
import type { SettingsFormType } from "./useSettingsForm.ts";

/** Each setting with the bounds of the shared schema. */
const FIELDS: { field: keyof VisitorNotificationValues; min: number; max: number }[] = [
  { field: "approachingAhead", min: 1, max: 50 },
  { field: "approachingMinutes", min: 1, max: 120 },
  { field: "retentionDays", min: 1, max: 365 },
];

/** «Уведомления посетителям»: when "your turn is near" goes out, and how long contacts are kept. */
export function VisitorNotificationFields({ form }: { form: SettingsFormType }) {
  const { t } = useDirectoryTranslation();
  return (
    <Fieldset legend={t("remote.notifications")} data-testid="visitor-notification-settings">
      <Stack>
        <Text size="xs" c="dimmed">
          {t("remote.notificationsHint")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {FIELDS.map(({ field, min, max }) => (
            <NumberInput
              key={field}
              label={t(`remote.${field}`)}
              description={t(`remote.${field}Hint`)}
              min={min}
              max={max}
              allowDecimal={false}
              {...form.getInputProps(`visitorNotifications.${field}`)}
            />
          ))}
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}

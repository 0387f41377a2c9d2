import { Fieldset, Stack, Textarea } from "@mantine/core";
import { useDirectoryTranslation } from "../directories/texts.ts";
import type { SettingsFormType } from "./useSettingsForm.ts";

/** What tickets and boards print and show: the ticket's text and the board's running line. */
export function TextFields({ form }: { form: SettingsFormType }) {
  const { t } = useDirectoryTranslation();
  return (
    <Fieldset legend={t("settings.texts")}>
      <Stack>
        <Textarea
          label={t("settings.ticketText")}
          description={t("settings.ticketTextHint")}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={500}
          {...form.getInputProps("ticketText")}
        />
        <Textarea
          label={t("settings.runningText")}
          description={t("settings.runningTextHint")}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={1000}
          {...form.getInputProps("runningText")}
        />
        <Textarea
          label={t("settings.runningTextEn")}
          description={t("settings.inEnglishHint")}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={1000}
          {...form.getInputProps("runningTextEn")}
        />
      </Stack>
    </Fieldset>
  );
}

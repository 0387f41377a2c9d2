import { Fieldset, Stack, Textarea } from "@mantine/core";
import { useDirectoryTranslation } from "../directories/texts.ts";
import type { SettingsFormType } from "./useSettingsForm.ts";

/** The texts, their labels and their longest length. */
const TEXTS = [
  { field: "ticketText", label: "settings.ticketText", hint: "settings.ticketTextHint", max: 500 },
  { field: "runningText", label: "settings.runningText", hint: "settings.runningTextHint", max: 1000 },
  { field: "runningTextEn", label: "settings.runningTextEn", hint: "settings.inEnglishHint", max: 1000 },
] as const;

/** What tickets and boards print and show: the ticket's text and the board's running line. */
export function TextFields({ form }: { form: SettingsFormType }) {
  const { t } = useDirectoryTranslation();
  return (
    <Fieldset legend={t("settings.texts")}>
      <Stack>
        {TEXTS.map((text) => (
          <Textarea
            key={text.field}
            label={t(text.label)}
            description={t(text.hint)}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={text.max}
            {...form.getInputProps(text.field)}
          />
        ))}
      </Stack>
    </Fieldset>
  );
}

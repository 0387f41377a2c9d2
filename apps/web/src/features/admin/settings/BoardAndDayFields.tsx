import { Fieldset, NumberInput, SimpleGrid, Stack, Switch } from "@mantine/core";
import { useDirectoryTranslation } from "../directories/texts.ts";
import type { SettingsFormType } from "./useSettingsForm.ts";

/** The board (how many calls, whether it shows the waiting) and the end of the day. */
export function BoardAndDayFields({ form }: { form: SettingsFormType }) {
  const { t } = useDirectoryTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Fieldset legend={t("settings.board")}>
        <Stack>
          <NumberInput
            label={t("settings.boardCalls")}
            description={t("settings.boardCallsHint")}
            min={1}
            max={20}
            allowDecimal={false}
            {...form.getInputProps("boardCalls")}
          />
          <Switch
            label={t("settings.boardShowWaiting")}
            {...form.getInputProps("boardShowWaiting", { type: "checkbox" })}
          />
        </Stack>
      </Fieldset>
      <Fieldset legend={t("settings.day")}>
        <Switch
          label={t("settings.autoCloseDay")}
          description={t("settings.autoCloseDayHint")}
          {...form.getInputProps("autoCloseDay", { type: "checkbox" })}
        />
      </Fieldset>
    </SimpleGrid>
  );
}

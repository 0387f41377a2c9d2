import { LANGUAGES } from "@dq/shared";
import { Checkbox, Fieldset, Group, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { NS, useDirectoryTranslation } from "../directories/texts.ts";
import { timezones } from "./settingsValues.ts";
import type { SettingsFormType } from "./useSettingsForm.ts";

/** The office: its name, its time zone, the languages it offers and the default one. */
export function OfficeFields({ form, savedTimezone }: { form: SettingsFormType; savedTimezone: string }) {
  const { t } = useDirectoryTranslation();
  return (
    <Fieldset legend={t("settings.office")}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t("settings.name")} withAsterisk {...form.getInputProps("name")} />
          <TextInput
            label={t("settings.nameEn")}
            description={t("settings.inEnglishHint")}
            maxLength={200}
            {...form.getInputProps("nameEn")}
          />
          <Select
            label={t("settings.timezone")}
            description={t("settings.timezoneHint")}
            data={timezones(savedTimezone)}
            searchable
            allowDeselect={false}
            limit={50}
            {...form.getInputProps("timezone")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Checkbox.Group
            label={t("settings.languages")}
            description={t("settings.languagesHint")}
            {...form.getInputProps("languages")}
          >
            <Group mt="xs">
              {LANGUAGES.map((l) => (
                <Checkbox key={l} value={l} label={t(`languages.${l}`, { ns: NS })} />
              ))}
            </Group>
          </Checkbox.Group>
          <Select
            label={t("settings.defaultLanguage")}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`, { ns: NS }) }))}
            allowDeselect={false}
            {...form.getInputProps("defaultLanguage")}
          />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}

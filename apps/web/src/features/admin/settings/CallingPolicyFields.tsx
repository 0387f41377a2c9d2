import { Fieldset, Group, NumberInput, SegmentedControl, Stack, Switch, Text } from "@mantine/core";
import { useDirectoryTranslation } from "../directories/texts.ts";
import type { SettingsFormType } from "./useSettingsForm.ts";

/** How "call next" chooses: the waiting-time guard, and the ratio of ordinary to priority clients. */
export function CallingPolicyFields({ form }: { form: SettingsFormType }) {
  const { t } = useDirectoryTranslation();
  const v = form.getValues();
  return (
    <Fieldset legend={t("settings.policy")}>
      <Stack>
        <Switch
          label={t("settings.slaGuard")}
          description={t("settings.slaGuardHint")}
          {...form.getInputProps("slaGuard", { type: "checkbox" })}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("settings.ratio")}
          </Text>
          <Text size="xs" c="dimmed">
            {t("settings.ratioHint")}
          </Text>
          <SegmentedControl
            aria-label={t("settings.ratio")}
            w="fit-content"
            mt={4}
            data={[
              { value: "off", label: t("settings.ratioOff") },
              { value: "on", label: t("settings.ratioOn") },
            ]}
            value={v.ratioOn ? "on" : "off"}
            onChange={(value) => form.setFieldValue("ratioOn", value === "on")}
          />
        </Stack>
        {v.ratioOn && <RatioFields form={form} />}
      </Stack>
    </Fieldset>
  );
}

/** The two sides of the ratio, and what they mean in words. */
function RatioFields({ form }: { form: SettingsFormType }) {
  const { t } = useDirectoryTranslation();
  const v = form.getValues();
  const normal = Number(v.ratioNormal) || 0;
  const priority = Number(v.ratioPriority) || 0;
  return (
    <Group align="flex-start">
      <NumberInput
        w={180}
        label={t("settings.ratioNormal")}
        min={1}
        max={20}
        allowDecimal={false}
        {...form.getInputProps("ratioNormal")}
      />
      <Text pt={30} fw={700}>
        :
      </Text>
      <NumberInput
        w={180}
        label={t("settings.ratioPriority")}
        min={1}
        max={20}
        allowDecimal={false}
        {...form.getInputProps("ratioPriority")}
      />
      {normal > 0 && priority > 0 && (
        <Text pt={30} size="sm" c="dimmed" data-testid="ratio-example">
          {t("settings.ratioExample", { total: normal + priority, priority })}
        </Text>
      )}
    </Group>
  );
}

import { Fieldset, NumberInput, SimpleGrid, Stack, Switch } from "@mantine/core";
import { useDirectoryTranslation } from "../directories/texts.ts";
import { GeofenceFields } from "./GeofenceFields.tsx";
import "./remote-texts.ts";
import type { RemoteJoinValues } from "./remoteValues.ts";
import type { SettingsFormType } from "./useSettingsForm.ts";

/** The whole-number settings, each with the bounds of the shared schema. */
type NumberField = { field: keyof RemoteJoinValues; min: number; max: number };
const CAPS: NumberField[] = [
  { field: "perPhoneDaily", min: 1, max: 50 },
  { field: "perBrowserDaily", min: 1, max: 50 },
  { field: "maxSharePercent", min: 1, max: 100 },
];
const POSTPONE: NumberField[] = [
  { field: "postponeMaxTimes", min: 0, max: 10 },
  { field: "postponeMaxPlaces", min: 1, max: 50 },
];

/**
 * «Удалённая очередь» (docs/remote-join.md): whether /join takes tickets, its caps, the arrival
 * check-in with its geofence, and postponing. Everything stays in view (greyed when off), so a
 * field with an error is never hidden.
 */
export function RemoteJoinFields({ form }: { form: SettingsFormType }) {
  const { t } = useDirectoryTranslation();
  const v = form.getValues().remoteJoin;
  return (
    <Fieldset legend={t("remote.section")} data-testid="remote-join-settings">
      <Stack>
        <Switch
          label={t("remote.enabled")}
          description={t("remote.enabledHint")}
          {...form.getInputProps("remoteJoin.enabled", { type: "checkbox" })}
        />
        <Fieldset variant="unstyled" disabled={!v.enabled}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {CAPS.map((f) => (
                <RemoteNumber key={f.field} form={form} {...f} />
              ))}
            </SimpleGrid>
            <Switch
              label={t("remote.refuseAfterClosing")}
              description={t("remote.refuseAfterClosingHint")}
              {...form.getInputProps("remoteJoin.refuseAfterClosing", { type: "checkbox" })}
            />
            <Switch
              label={t("remote.arrivalCheckIn")}
              description={t("remote.arrivalCheckInHint")}
              {...form.getInputProps("remoteJoin.arrivalCheckIn", { type: "checkbox" })}
            />
            <GeofenceFields form={form} disabled={!v.arrivalCheckIn} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {POSTPONE.map((f) => (
                <RemoteNumber key={f.field} form={form} {...f} />
              ))}
            </SimpleGrid>
          </Stack>
        </Fieldset>
      </Stack>
    </Fieldset>
  );
}

/** One whole-number setting of remote join, with its bounds. */
function RemoteNumber({ form, field, min, max }: NumberField & { form: SettingsFormType }) {
  const { t } = useDirectoryTranslation();
  return (
    <NumberInput
      label={t(`remote.${field}`)}
      description={t(`remote.${field}Hint`)}
      min={min}
      max={max}
      allowDecimal={false}
      {...form.getInputProps(`remoteJoin.${field}`)}
    />
  );
}

import { Anchor, Button, Fieldset, Group, NumberInput, SimpleGrid, Stack, Switch, Text } from "@mantine/core";
import { useState } from "react";
import { useDirectoryTranslation } from "../directories/texts.ts";
import type { SettingsFormType } from "./useSettingsForm.ts";

/** Where «Я на месте» counts as in the office: a point and a radius, or only the door's QR code. */
export function GeofenceFields({ form, disabled }: { form: SettingsFormType; disabled: boolean }) {
  const { t } = useDirectoryTranslation();
  const v = form.getValues().remoteJoin;
  const point = typeof v.latitude === "number" && typeof v.longitude === "number";
  return (
    <Fieldset variant="unstyled" disabled={disabled} pl="lg" data-testid="geofence">
      <Stack gap="sm">
        <Switch
          label={t("remote.geofenceOn")}
          description={t("remote.geofenceOnHint")}
          {...form.getInputProps("remoteJoin.geofenceOn", { type: "checkbox" })}
        />
        {v.geofenceOn && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput
                label={t("remote.latitude")}
                min={-90}
                max={90}
                decimalScale={6}
                {...form.getInputProps("remoteJoin.latitude")}
              />
              <NumberInput
                label={t("remote.longitude")}
                min={-180}
                max={180}
                decimalScale={6}
                {...form.getInputProps("remoteJoin.longitude")}
              />
              <NumberInput
                label={t("remote.radiusMeters")}
                description={t("remote.radiusMetersHint")}
                min={20}
                max={5000}
                allowDecimal={false}
                {...form.getInputProps("remoteJoin.radiusMeters")}
              />
            </SimpleGrid>
            <Group gap="md">
              <LocateButton form={form} />
              {point && (
                <Anchor
                  size="sm"
                  target="_blank"
                  rel="noreferrer"
                  href={`https://www.openstreetmap.org/?mlat=${v.latitude}&mlon=${v.longitude}#map=18/${v.latitude}/${v.longitude}`}
                >
                  {t("remote.showOnMap")}
                </Anchor>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Fieldset>
  );
}

/** Six decimals: about 10 cm, finer than any phone's fix. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** «Взять моё местоположение»: the administrator standing in the office fills the point in one tap. */
function LocateButton({ form }: { form: SettingsFormType }) {
  const { t } = useDirectoryTranslation();
  const [state, setState] = useState<{ busy: boolean; note: string | null; failed: boolean }>({
    busy: false,
    note: null,
    failed: false,
  });
  const locate = () => {
    if (!navigator.geolocation) {
      setState({ busy: false, note: t("remote.locateUnsupported"), failed: true });
      return;
    }
    setState({ busy: true, note: null, failed: false });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        form.setFieldValue("remoteJoin.latitude", round6(position.coords.latitude));
        form.setFieldValue("remoteJoin.longitude", round6(position.coords.longitude));
        const meters = Math.round(position.coords.accuracy);
        setState({ busy: false, note: t("remote.located", { meters }), failed: false });
      },
      (error) =>
        setState({ busy: false, note: t("remote.locateFailed", { reason: error.message }), failed: true }),
      { enableHighAccuracy: true, timeout: 20_000 },
    );
  };
  return (
    <Group gap="sm">
      <Button variant="light" size="compact-sm" loading={state.busy} onClick={locate} data-testid="locate">
        {t("remote.locate")}
      </Button>
      {state.note && (
        <Text size="xs" c={state.failed ? "red" : "dimmed"} role="status">
          {state.note}
        </Text>
      )}
    </Group>
  );
}

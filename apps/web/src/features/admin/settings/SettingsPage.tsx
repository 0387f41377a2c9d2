import { type Branch, branchPatchSchema, branchSchema, LANGUAGES, type Language } from "@dq/shared";
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Loader,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../../app/api.ts";
import {
  dirError,
  isFieldError,
  issueText,
  NS,
  showFieldErrors,
  useDirectoryTranslation,
} from "../directories/texts.ts";
import { zodValidate } from "../form.ts";

interface Values {
  name: string;
  timezone: string;
  languages: Language[];
  defaultLanguage: Language;
  ticketText: string;
  runningText: string;
  boardCalls: number | string;
  boardShowWaiting: boolean;
  autoCloseDay: boolean;
  slaGuard: boolean;
  ratioOn: boolean;
  ratioNormal: number | string;
  ratioPriority: number | string;
}

const num = (v: number | string) => (typeof v === "number" || v === "" ? v : Number(v));

function toBody(v: Values) {
  return {
    name: v.name,
    timezone: v.timezone,
    settings: {
      languages: LANGUAGES.filter((l) => v.languages.includes(l)),
      defaultLanguage: v.defaultLanguage,
      ticketText: v.ticketText,
      runningText: v.runningText,
      boardCalls: num(v.boardCalls),
      boardShowWaiting: v.boardShowWaiting,
      autoCloseDay: v.autoCloseDay,
      callingPolicy: {
        slaGuard: v.slaGuard,
        ratio: v.ratioOn ? { normal: num(v.ratioNormal), priority: num(v.ratioPriority) } : null,
      },
    },
  };
}

/** Errors are named as the body names them (`settings.boardCalls`); the form's fields are flat. */
const FIELDS: Record<string, keyof Values> = {
  "settings.languages": "languages",
  "settings.defaultLanguage": "defaultLanguage",
  "settings.ticketText": "ticketText",
  "settings.runningText": "runningText",
  "settings.boardCalls": "boardCalls",
  "settings.boardShowWaiting": "boardShowWaiting",
  "settings.autoCloseDay": "autoCloseDay",
  "settings.callingPolicy.slaGuard": "slaGuard",
  "settings.callingPolicy.ratio": "ratioOn",
  "settings.callingPolicy.ratio.normal": "ratioNormal",
  "settings.callingPolicy.ratio.priority": "ratioPriority",
};
const formField = (field: string) => FIELDS[field] ?? FIELDS[field.replace(/\.\d+$/, "")] ?? field;

function timezones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    // An old browser: the office's own zone is still offered.
  }
  return zones.includes(current) ? zones : [current, ...zones];
}

/** «Настройки офиса»: name, timezone, languages, board and ticket texts, and how "call next" chooses. */
export default function SettingsPage() {
  const { t } = useDirectoryTranslation();
  const branch = useQuery({ queryKey: ["branch"], queryFn: () => api.get("/api/v1/branch", branchSchema) });
  return (
    <Stack maw={880}>
      <Title order={2}>{t("settings.title")}</Title>
      {branch.error && <Alert color="red">{dirError(t, branch.error)}</Alert>}
      {branch.isPending && (
        <Group>
          <Loader size="sm" />
          <Text c="dimmed">{t("settings.loading")}</Text>
        </Group>
      )}
      {/* Loaded once: a refetch in the background must not overwrite what is being typed. */}
      {branch.data && <SettingsForm key={branch.data.id} branch={branch.data} />}
    </Stack>
  );
}

function SettingsForm({ branch }: { branch: Branch }) {
  const { t } = useDirectoryTranslation();
  const client = useQueryClient();
  const [saved, setSaved] = useState(false);
  const s = branch.settings;
  const form = useForm<Values>({
    initialValues: {
      name: branch.name,
      timezone: branch.timezone,
      languages: s.languages,
      defaultLanguage: s.defaultLanguage,
      ticketText: s.ticketText,
      runningText: s.runningText,
      boardCalls: s.boardCalls,
      boardShowWaiting: s.boardShowWaiting,
      autoCloseDay: s.autoCloseDay,
      slaGuard: s.callingPolicy.slaGuard,
      ratioOn: s.callingPolicy.ratio !== null,
      ratioNormal: s.callingPolicy.ratio?.normal ?? 2,
      ratioPriority: s.callingPolicy.ratio?.priority ?? 1,
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      for (const [k, v] of Object.entries(zodValidate(branchPatchSchema, issueText)(toBody(values)))) {
        errors[formField(k)] ??= v;
      }
      // Kiosks start in the default language, so it must be one they offer.
      if (values.languages.length && !values.languages.includes(values.defaultLanguage)) {
        errors.defaultLanguage ??= t("settings.defaultNotOffered");
      }
      return errors;
    },
    onValuesChange: () => setSaved(false),
  });
  const save = useMutation({
    mutationFn: (body: unknown) => api.patch("/api/v1/branch", body, branchSchema),
    onSuccess: (data) => {
      client.setQueryData(["branch"], data);
      setSaved(true);
    },
    onError: (error) => showFieldErrors(form, error, formField),
  });
  const v = form.getValues();
  const normal = Number(v.ratioNormal) || 0;
  const priority = Number(v.ratioPriority) || 0;

  return (
    <form
      onSubmit={form.onSubmit((values) => save.mutate(toBody(values)))}
      noValidate
      data-testid="settings-form"
    >
      <Stack>
        <Fieldset legend={t("settings.office")}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t("settings.name")} withAsterisk {...form.getInputProps("name")} />
              <Select
                label={t("settings.timezone")}
                description={t("settings.timezoneHint")}
                data={timezones(branch.timezone)}
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
          </Stack>
        </Fieldset>

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
            {v.ratioOn && (
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
            )}
          </Stack>
        </Fieldset>

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

import { ALERT_KINDS, type AlertKind, type Service } from "@dq/shared";
import { NumberInput, Select, SimpleGrid, TextInput } from "@mantine/core";
import { serviceChoices } from "../directories/texts.ts";
import { useAlertsTranslation } from "./texts.ts";
import type { RuleFormType } from "./useRuleForm.ts";

/** The threshold's label and hint follow the kind: minutes (fractions allowed) or clients. */
function thresholdTexts(kind: AlertKind) {
  if (kind === "queue_length") return ["rules.thresholdClients", "rules.thresholdClientsHint"] as const;
  if (kind === "no_operator") return ["rules.thresholdNoOperator", "rules.thresholdNoOperatorHint"] as const;
  return ["rules.thresholdMinutes", "rules.thresholdMinutesHint"] as const;
}

/** What a rule watches: its kind, its name, the service (or all) and the threshold. */
export function RuleConditionFields({
  form,
  services,
  initialServiceId,
  phone,
  onKind,
  onThreshold,
}: {
  form: RuleFormType;
  /** The office's services; undefined while they load. */
  services: Service[] | undefined;
  initialServiceId: string | null;
  phone: boolean | undefined;
  onKind: (kind: AlertKind) => void;
  onThreshold: (value: number | string) => void;
}) {
  const { t } = useAlertsTranslation();
  const v = form.getValues();
  const [thresholdLabel, thresholdHint] = thresholdTexts(v.kind);
  // A service archived since the rule was written is named so, rather than shown as "all services".
  const archivedService =
    services && initialServiceId && !services.some((s) => s.id === initialServiceId)
      ? initialServiceId
      : null;
  const serviceData = [
    ...(archivedService ? [{ value: archivedService, label: t("rules.archivedService") }] : []),
    ...serviceChoices(services ?? []),
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select
        label={t("rules.kind")}
        description={t(`kindHints.${v.kind}`)}
        data={ALERT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        allowDeselect={false}
        withAsterisk
        {...form.getInputProps("kind")}
        onChange={(k) => k && onKind(k as AlertKind)}
        data-testid="rule-kind"
      />
      <TextInput
        label={t("rules.name")}
        // Lines up with the kind's hint beside it; alone on a phone, it needs none.
        description={phone ? undefined : "\u00a0"}
        placeholder={t("rules.namePlaceholder")}
        data-autofocus
        {...form.getInputProps("name")}
      />
      <Select
        label={t("rules.service")}
        description={t("rules.serviceHint")}
        placeholder={t("rules.allServices")}
        data={serviceData}
        clearable
        searchable
        nothingFoundMessage={t("rules.nothingFound")}
        {...form.getInputProps("serviceId")}
        data-testid="rule-service"
      />
      <NumberInput
        key={v.kind === "queue_length" ? "clients" : "minutes"}
        label={t(thresholdLabel)}
        description={t(thresholdHint)}
        withAsterisk
        min={0}
        max={v.kind === "queue_length" ? 100_000 : 1440}
        allowDecimal={v.kind !== "queue_length"}
        decimalScale={v.kind === "queue_length" ? 0 : 2}
        {...form.getInputProps("threshold")}
        onChange={onThreshold}
        data-testid="rule-threshold"
      />
    </SimpleGrid>
  );
}

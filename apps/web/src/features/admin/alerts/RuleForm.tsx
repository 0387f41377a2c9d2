import { ALERT_KINDS, type AlertKind, type AlertRule, alertRuleCreateSchema, type Service } from "@dq/shared";
import {
  Alert,
  Divider,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { FormActions } from "../directories/FormActions.tsx";
import { issueText, serviceChoices, showFieldErrors } from "../directories/texts.ts";
import { zodValidate } from "../form.ts";
import type { useDirectory } from "../useDirectory.ts";
import { ChannelsEditor, typeAvailable } from "./ChannelsEditor.tsx";
import { alertError, isFieldError } from "./errors.ts";
import {
  blankChannel,
  DEFAULT_THRESHOLD,
  type RuleValues,
  ruleBody,
  rulePatch,
  ruleValues,
} from "./ruleValues.ts";
import { useAlertsTranslation } from "./texts.ts";
import { reloadBanner, useChannelsStatus } from "./useAlerts.ts";

type Dir = ReturnType<typeof useDirectory<AlertRule>>;

/** The threshold's label and hint follow the kind: minutes (fractions allowed) or clients. */
function thresholdTexts(kind: AlertKind) {
  if (kind === "queue_length") return ["rules.thresholdClients", "rules.thresholdClientsHint"] as const;
  if (kind === "no_operator") return ["rules.thresholdNoOperator", "rules.thresholdNoOperatorHint"] as const;
  return ["rules.thresholdMinutes", "rules.thresholdMinutesHint"] as const;
}

/** Whether a list of channels is unchanged: once it changes, its own error (a channel named twice) is stale. */
const sameList = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Create or change a rule: what to watch, for which service, whom to tell, and when to escalate. */
export function RuleForm({
  rule,
  services,
  dir,
  onClose,
}: {
  rule: AlertRule | null;
  /** The office's services; undefined while they load. */
  services: Service[] | undefined;
  dir: Dir;
  onClose: () => void;
}) {
  const { t } = useAlertsTranslation();
  const phone = useMediaQuery("(max-width: 48em)");
  const status = useChannelsStatus().data;
  const client = useQueryClient();
  // What the form started from: a change sends only what differs from it.
  const [initial] = useState(() => ruleValues(rule));
  const form = useForm<RuleValues>({
    initialValues: initial,
    // The server's own schema, so the form refuses what the API would.
    validate: (values) => zodValidate(alertRuleCreateSchema, issueText)(ruleBody(values)),
    onValuesChange: (values, previous) => {
      if (!sameList(values.channels, previous.channels)) form.clearFieldError("channels");
      if (!sameList(values.escalation.channels, previous.escalation.channels))
        form.clearFieldError("escalation.channels");
    },
  });
  const v = form.getValues();
  const mutation = rule ? dir.update : dir.create;
  const submit = form.onSubmit((values) => {
    const onError = (error: unknown) => showFieldErrors(form, error);
    // A rule's channels decide whether its alerts show in the banner.
    const onSuccess = () => {
      void reloadBanner(client);
      onClose();
    };
    if (!rule) return dir.create.mutate(ruleBody(values), { onSuccess, onError });
    const body = rulePatch(initial, values);
    if (Object.keys(body).length === 0) return onClose();
    dir.update.mutate({ id: rule.id, body }, { onSuccess, onError });
  });
  const [thresholdLabel, thresholdHint] = thresholdTexts(v.kind);
  // The threshold follows the kind (its unit changes) until someone types one of their own.
  const thresholdTyped = useRef(false);
  const changeKind = (kind: AlertKind) => {
    if (!thresholdTyped.current)
      form.setFieldValue("threshold", kind === initial.kind ? initial.threshold : DEFAULT_THRESHOLD[kind]);
    form.setFieldValue("kind", kind);
  };
  // A service archived since the rule was written is named so, rather than shown as "all services".
  const archivedService =
    services && initial.serviceId && !services.some((s) => s.id === initial.serviceId)
      ? initial.serviceId
      : null;
  const serviceData = [
    ...(archivedService ? [{ value: archivedService, label: t("rules.archivedService") }] : []),
    ...serviceChoices(services ?? []),
  ];
  // Escalating starts with one channel, of a type the server can deliver to.
  const switchEscalation = (on: boolean) => {
    form.setFieldValue("escalate", on);
    if (on && form.getValues().escalation.channels.length === 0)
      form.setFieldValue("escalation.channels", [
        blankChannel(typeAvailable("email", status) ? "email" : "webhook"),
      ]);
  };
  const unavailable = [
    status && !status.email && t("channelEditor.emailOff"),
    status && !status.telegram && t("channelEditor.telegramOff"),
  ].filter(Boolean);

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      fullScreen={phone}
      title={
        <Text span fw={700}>
          {rule ? t("rules.editTitle", { name: rule.name || t(`kinds.${rule.kind}`) }) : t("rules.new")}
        </Text>
      }
    >
      <form onSubmit={submit} noValidate data-testid="rule-form">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t("rules.kind")}
              description={t(`kindHints.${v.kind}`)}
              data={ALERT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
              allowDeselect={false}
              withAsterisk
              {...form.getInputProps("kind")}
              onChange={(k) => k && changeKind(k as AlertKind)}
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
              onChange={(value) => {
                thresholdTyped.current = true;
                form.setFieldValue("threshold", value);
              }}
              data-testid="rule-threshold"
            />
          </SimpleGrid>
          <NumberInput
            label={t("rules.cooldown")}
            description={t("rules.cooldownHint")}
            maw={{ base: "100%", sm: "50%" }}
            min={1}
            max={1440}
            allowDecimal={false}
            withAsterisk
            {...form.getInputProps("cooldownMinutes")}
          />
          <Divider />
          <ChannelsEditor form={form} path="channels" label={t("rules.channels")} status={status} />
          {unavailable.length > 0 && (
            <Text size="xs" c="dimmed" data-testid="channels-unavailable">
              {unavailable.join(" ")}
            </Text>
          )}
          <Divider label={t("rules.escalation")} labelPosition="left" />
          <Switch
            label={t("rules.escalate")}
            {...form.getInputProps("escalate", { type: "checkbox" })}
            onChange={(e) => switchEscalation(e.currentTarget.checked)}
            data-testid="rule-escalate"
          />
          {v.escalate && (
            <>
              <NumberInput
                label={t("rules.escalateAfter")}
                maw={{ base: "100%", sm: "50%" }}
                min={1}
                max={1440}
                decimalScale={1}
                withAsterisk
                {...form.getInputProps("escalation.afterMinutes")}
              />
              <ChannelsEditor
                form={form}
                path="escalation.channels"
                label={t("rules.escalationChannels")}
                status={status}
              />
            </>
          )}
          <Divider />
          <Switch label={t("common.active")} {...form.getInputProps("active", { type: "checkbox" })} />
          {mutation.error && !isFieldError(mutation.error) && (
            <Alert color="red" data-testid="rule-error">
              {alertError(t, mutation.error)}
            </Alert>
          )}
          <FormActions onCancel={onClose} saving={mutation.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

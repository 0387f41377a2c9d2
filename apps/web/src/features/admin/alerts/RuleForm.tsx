import type { AlertRule, Service } from "@dq/shared";
import { Alert, Divider, Modal, NumberInput, Stack, Switch, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { FormActions } from "../directories/FormActions.tsx";
import { ChannelsEditor } from "./ChannelsEditor.tsx";
import { alertError, isFieldError } from "./errors.ts";
import { RuleConditionFields } from "./RuleConditionFields.tsx";
import { RuleEscalationFields } from "./RuleEscalationFields.tsx";
import { useAlertsTranslation } from "./texts.ts";
import { type RuleDirectory, useRuleForm } from "./useRuleForm.ts";

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
  dir: RuleDirectory;
  onClose: () => void;
}) {
  const { t } = useAlertsTranslation();
  const phone = useMediaQuery("(max-width: 48em)");
  const { form, initial, status, submit, changeKind, typeThreshold, switchEscalation, mutation } =
    useRuleForm(rule, dir, onClose);
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
          <RuleConditionFields
            form={form}
            services={services}
            initialServiceId={initial.serviceId}
            phone={phone}
            onKind={changeKind}
            onThreshold={typeThreshold}
          />
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
          <RuleEscalationFields form={form} status={status} onSwitch={switchEscalation} />
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

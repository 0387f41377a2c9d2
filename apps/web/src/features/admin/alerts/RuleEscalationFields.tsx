import type { AlertChannelsStatus } from "@dq/shared";
import { NumberInput, Switch } from "@mantine/core";
import { ChannelsEditor } from "./ChannelsEditor.tsx";
import { useAlertsTranslation } from "./texts.ts";
import type { RuleFormType } from "./useRuleForm.ts";

/** Whether an alert nobody has taken up is escalated, after how long, and to whom. */
export function RuleEscalationFields({
  form,
  status,
  onSwitch,
}: {
  form: RuleFormType;
  status: AlertChannelsStatus | undefined;
  onSwitch: (on: boolean) => void;
}) {
  const { t } = useAlertsTranslation();
  return (
    <>
      <Switch
        label={t("rules.escalate")}
        {...form.getInputProps("escalate", { type: "checkbox" })}
        onChange={(e) => onSwitch(e.currentTarget.checked)}
        data-testid="rule-escalate"
      />
      {form.getValues().escalate && (
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
    </>
  );
}

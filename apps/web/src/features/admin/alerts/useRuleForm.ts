import { type AlertKind, type AlertRule, alertRuleCreateSchema } from "@dq/shared";
import { type UseFormReturnType, useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { showFieldErrors } from "../directories/texts.ts";
import { zodValidate } from "../form.ts";
import type { useDirectory } from "../useDirectory.ts";
import { typeAvailable } from "./ChannelsEditor.tsx";
import {
  blankChannel,
  DEFAULT_THRESHOLD,
  type RuleValues,
  ruleBody,
  rulePatch,
  ruleValues,
} from "./ruleValues.ts";
import { reloadBanner, useChannelsStatus } from "./useAlerts.ts";

export type RuleDirectory = ReturnType<typeof useDirectory<AlertRule>>;
export type RuleFormType = UseFormReturnType<RuleValues>;

/** Whether a list of channels is unchanged: once it changes, its own error (a channel named twice) is stale. */
const sameList = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The rule editor's state: the form checked against the API's schema, its submit (a new rule, or
 * only what changed), and the two fields that set others: the kind and escalation.
 */
export function useRuleForm(rule: AlertRule | null, dir: RuleDirectory, onClose: () => void) {
  const status = useChannelsStatus().data;
  const client = useQueryClient();
  // What the form started from: a change sends only what differs from it.
  const [initial] = useState(() => ruleValues(rule));
  const form = useForm<RuleValues>({
    initialValues: initial,
    // The server's own schema, so the form refuses what the API would.
    validate: (values) => zodValidate(alertRuleCreateSchema)(ruleBody(values)),
    onValuesChange: (values, previous) => {
      if (!sameList(values.channels, previous.channels)) form.clearFieldError("channels");
      if (!sameList(values.escalation.channels, previous.escalation.channels))
        form.clearFieldError("escalation.channels");
    },
  });
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
  // The threshold follows the kind (its unit changes) until someone types one of their own.
  const thresholdTyped = useRef(false);
  const changeKind = (kind: AlertKind) => {
    if (!thresholdTyped.current)
      form.setFieldValue("threshold", kind === initial.kind ? initial.threshold : DEFAULT_THRESHOLD[kind]);
    form.setFieldValue("kind", kind);
  };
  const typeThreshold = (value: number | string) => {
    thresholdTyped.current = true;
    form.setFieldValue("threshold", value);
  };
  // Escalating starts with one channel, of a type the server can deliver to.
  const switchEscalation = (on: boolean) => {
    form.setFieldValue("escalate", on);
    if (on && form.getValues().escalation.channels.length === 0)
      form.setFieldValue("escalation.channels", [
        blankChannel(typeAvailable("email", status) ? "email" : "webhook"),
      ]);
  };
  return {
    form,
    initial,
    status,
    submit,
    changeKind,
    typeThreshold,
    switchEscalation,
    mutation: rule ? dir.update : dir.create,
  };
}

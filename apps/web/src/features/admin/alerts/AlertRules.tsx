import { type AlertRule, alertRuleSchema, serviceSchema } from "@dq/shared";
import { Alert, Button, Group, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { localName } from "../../operator/format.ts";
import { useDirectory } from "../useDirectory.ts";
import { playAttention } from "./attention.ts";
import { alertError } from "./errors.ts";
import { RuleForm } from "./RuleForm.tsx";
import { RulesTable } from "./RulesTable.tsx";
import { TestResultsModal } from "./TestResultsModal.tsx";
import { useAlertsTranslation } from "./texts.ts";
import { reloadBanner, useChannelsStatus, useTestRule } from "./useAlerts.ts";

/** The rules that raise alerts (administrators): a table, the editor, and a test message per rule. */
export function AlertRules() {
  const { t, i18n } = useAlertsTranslation();
  const dir = useDirectory("alert-rules", alertRuleSchema);
  // Undefined while loading: a service missing from the list then is one archived since.
  const services = useDirectory("services", serviceSchema).list.data?.items;
  const test = useTestRule();
  const client = useQueryClient();
  // Loaded before the editor opens, so it offers only the channels the server can deliver to.
  useChannelsStatus();
  const [editing, setEditing] = useState<AlertRule | "new" | null>(null);
  const [testing, setTesting] = useState<AlertRule | null>(null);
  const items = dir.list.data?.items ?? [];
  const open = (r: AlertRule | "new") => {
    dir.create.reset();
    dir.update.reset();
    setEditing(r);
  };
  const runTest = (r: AlertRule) => {
    setTesting(r);
    test.mutate(r.id, {
      // Nothing to send outside (in the app only): let the banner's signal be heard instead.
      onSuccess: (result) => {
        if (result.results.length === 0) void playAttention();
      },
    });
  };
  const serviceName = (id: string | null) => {
    if (!id) return t("rules.allServices");
    if (!services) return t("rules.none");
    const s = services.find((x) => x.id === id);
    return s ? localName(s, i18n.language) : t("rules.archivedService");
  };
  const ruleName = (r: AlertRule) => r.name || t(`kinds.${r.kind}`);
  const error = dir.list.error ?? dir.archive.error;

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <Text c="dimmed" size="sm" maw={720}>
          {t("rules.hint")}
        </Text>
        <Button onClick={() => open("new")} data-testid="rule-add">
          {t("rules.add")}
        </Button>
      </Group>
      {error && (
        <Alert color="red" withCloseButton onClose={() => dir.archive.reset()}>
          {alertError(t, error)}
        </Alert>
      )}
      <RulesTable
        rules={items}
        ruleName={ruleName}
        serviceName={serviceName}
        onTest={runTest}
        onEdit={open}
        onArchive={(r) => dir.archive.mutate(r.id, { onSuccess: () => void reloadBanner(client) })}
      />
      {dir.list.isSuccess && items.length === 0 && <Text c="dimmed">{t("rules.empty")}</Text>}
      {editing && (
        <RuleForm
          rule={editing === "new" ? null : editing}
          services={services}
          dir={dir}
          onClose={() => setEditing(null)}
        />
      )}
      {testing && (
        <TestResultsModal
          name={ruleName(testing)}
          test={test}
          onClose={() => {
            setTesting(null);
            test.reset();
          }}
        />
      )}
    </>
  );
}

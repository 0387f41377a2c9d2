import { type AlertChannel, type AlertRule, alertRuleSchema, serviceSchema } from "@dq/shared";
import { Alert, Badge, Button, Group, Table, Text, VisuallyHidden } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { localName } from "../../operator/format.ts";
import { ArchiveButton } from "../directories/RowActions.tsx";
import { useDirectory } from "../useDirectory.ts";
import { channelText, formatMinutes, formatThreshold } from "./alertText.ts";
import { playAttention } from "./attention.ts";
import { alertError } from "./errors.ts";
import { RuleForm } from "./RuleForm.tsx";
import { TestResultsModal } from "./TestResultsModal.tsx";
import { useAlertsTranslation } from "./texts.ts";
import { reloadBanner, useChannelsStatus, useTestRule } from "./useAlerts.ts";

const CHANNEL_COLOR = { in_app: "indigo", email: "blue", telegram: "cyan", webhook: "grape" } as const;

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
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="alert-rules">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("rules.name")}</Table.Th>
              <Table.Th>{t("rules.service")}</Table.Th>
              <Table.Th>{t("rules.threshold")}</Table.Th>
              <Table.Th>{t("rules.channels")}</Table.Th>
              <Table.Th>{t("rules.cooldownShort")}</Table.Th>
              <Table.Th>{t("rules.escalation")}</Table.Th>
              <Table.Th>{t("common.active")}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t("rules.actions")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id} data-testid="rule-row" data-rule-id={r.id}>
                <Table.Td>
                  <Text fw={500}>{ruleName(r)}</Text>
                  {r.name && (
                    <Text size="xs" c="dimmed">
                      {t(`kinds.${r.kind}`)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{serviceName(r.serviceId)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }} data-testid="rule-threshold">
                  {formatThreshold(t, r.kind, r.threshold)}
                </Table.Td>
                <Table.Td>
                  <ChannelBadges channels={r.channels} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatMinutes(t, r.cooldownMinutes)}</Table.Td>
                <Table.Td>
                  {r.escalation ? (
                    <Group gap={4}>
                      <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                        {t("rules.escalationShort", {
                          after: formatMinutes(t, r.escalation.afterMinutes),
                        })}
                      </Text>
                      <ChannelBadges channels={r.escalation.channels} />
                    </Group>
                  ) : (
                    t("rules.none")
                  )}
                </Table.Td>
                <Table.Td>
                  {r.active ? (
                    <Badge color="green" variant="light" miw="max-content">
                      {t("common.active")}
                    </Badge>
                  ) : (
                    <Badge color="gray" miw="max-content">
                      {t("common.inactive")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => runTest(r)} data-testid="rule-test">
                      {t("rules.test")}
                    </Button>
                    <Button size="xs" variant="light" onClick={() => open(r)} data-testid="rule-edit">
                      {t("common.edit")}
                    </Button>
                    <ArchiveButton
                      name={ruleName(r)}
                      confirmKey="alerts:rules.confirmArchive"
                      onArchive={() =>
                        dir.archive.mutate(r.id, { onSuccess: () => void reloadBanner(client) })
                      }
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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

function ChannelBadges({ channels }: { channels: AlertChannel[] }) {
  const { t } = useAlertsTranslation();
  return (
    <Group gap={4}>
      {channels.map((c, i) => (
        <Badge
          // biome-ignore lint/suspicious/noArrayIndexKey: the same channel may be listed twice
          key={i}
          color={CHANNEL_COLOR[c.type]}
          variant="light"
          tt="none"
          miw="max-content"
          title={channelText(t, c)}
          data-testid="rule-channel"
        >
          {t(`channelTypes.${c.type}`)}
        </Badge>
      ))}
    </Group>
  );
}

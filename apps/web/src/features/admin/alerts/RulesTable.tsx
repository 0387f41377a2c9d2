import type { AlertRule } from "@dq/shared";
import { Badge, Button, Group, Table, Text, VisuallyHidden } from "@mantine/core";
import { ArchiveButton } from "../directories/RowActions.tsx";
import { formatMinutes, formatThreshold } from "./alertText.ts";
import { ChannelBadges } from "./ChannelBadges.tsx";
import { useAlertsTranslation } from "./texts.ts";

interface RowActions {
  onTest: (rule: AlertRule) => void;
  onEdit: (rule: AlertRule) => void;
  onArchive: (rule: AlertRule) => void;
}

/** The rules, a row each: what they watch, whom they tell, how they escalate, and their actions. */
export function RulesTable({
  rules,
  ruleName,
  serviceName,
  ...actions
}: {
  rules: AlertRule[];
  ruleName: (rule: AlertRule) => string;
  serviceName: (id: string | null) => string;
} & RowActions) {
  const { t } = useAlertsTranslation();
  return (
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
          {rules.map((r) => (
            <RuleRow key={r.id} rule={r} name={ruleName(r)} service={serviceName(r.serviceId)} {...actions} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RuleRow({
  rule: r,
  name,
  service,
  onTest,
  onEdit,
  onArchive,
}: { rule: AlertRule; name: string; service: string } & RowActions) {
  const { t } = useAlertsTranslation();
  return (
    <Table.Tr data-testid="rule-row" data-rule-id={r.id}>
      <Table.Td>
        <Text fw={500}>{name}</Text>
        {r.name && (
          <Text size="xs" c="dimmed">
            {t(`kinds.${r.kind}`)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{service}</Table.Td>
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
              {t("rules.escalationShort", { after: formatMinutes(t, r.escalation.afterMinutes) })}
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
          <Button size="xs" variant="subtle" onClick={() => onTest(r)} data-testid="rule-test">
            {t("rules.test")}
          </Button>
          <Button size="xs" variant="light" onClick={() => onEdit(r)} data-testid="rule-edit">
            {t("common.edit")}
          </Button>
          <ArchiveButton
            name={name}
            confirmKey="alerts:rules.confirmArchive"
            onArchive={() => onArchive(r)}
          />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

import type { Alert } from "@dq/shared";
import { Anchor, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { alertSentence, formatMeasure } from "./alertText.ts";
import { StateBadges } from "./StateBadges.tsx";
import { useAlertsTranslation } from "./texts.ts";
import { type useAcknowledge, useServiceNames } from "./useAlerts.ts";

interface RowsProps {
  items: Alert[];
  when: Intl.DateTimeFormat;
  onOpen: (id: string) => void;
  ack: ReturnType<typeof useAcknowledge>;
}

/** The log as a table: a row per alert; a click opens its details. */
export function AlertTable({ items, when, onOpen, ack }: RowsProps) {
  const { t } = useAlertsTranslation();
  const serviceName = useServiceNames();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover verticalSpacing="xs" data-testid="alert-log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("log.openedAt")}</Table.Th>
            <Table.Th>{t("log.what")}</Table.Th>
            <Table.Th ta="right">{t("log.peak")}</Table.Th>
            <Table.Th>{t("log.state")}</Table.Th>
            <Table.Th>{t("log.acknowledged")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr
              key={a.id}
              data-testid="alert-row"
              data-alert-id={a.id}
              style={{ cursor: "pointer" }}
              onClick={() => onOpen(a.id)}
            >
              <Table.Td style={{ whiteSpace: "nowrap" }}>{when.format(new Date(a.openedAt))}</Table.Td>
              <Table.Td>
                <Anchor component="button" type="button" fw={500} c="inherit" ta="left">
                  {alertSentence(t, a, serviceName)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`kinds.${a.kind}`)}
                  {a.ruleName ? ` · ${a.ruleName}` : ""}
                </Text>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                {formatMeasure(t, a.kind, a.peakValue)}
              </Table.Td>
              <Table.Td>
                <StateBadges alert={a} />
              </Table.Td>
              <Table.Td data-testid="alert-ack-cell">
                <Acknowledgement alert={a} when={when} ack={ack} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The log on a phone: a card per alert, nothing to scroll sideways. */
export function AlertCards({ items, when, onOpen, ack }: RowsProps) {
  const { t } = useAlertsTranslation();
  const serviceName = useServiceNames();
  return (
    <Stack gap="xs" data-testid="alert-log">
      {items.map((a) => (
        <Paper
          key={a.id}
          withBorder
          p="sm"
          data-testid="alert-row"
          data-alert-id={a.id}
          style={{ cursor: "pointer" }}
          onClick={() => onOpen(a.id)}
        >
          <Group justify="space-between" gap="xs" mb={4}>
            <Text size="xs" c="dimmed">
              {when.format(new Date(a.openedAt))} · {t("log.peak")}: {formatMeasure(t, a.kind, a.peakValue)}
            </Text>
            <StateBadges alert={a} />
          </Group>
          <Anchor component="button" type="button" fw={500} c="inherit" ta="left">
            {alertSentence(t, a, serviceName)}
          </Anchor>
          <Group justify="space-between" align="flex-end" gap="xs" mt={6}>
            <Text size="xs" c="dimmed">
              {a.ruleName || t(`kinds.${a.kind}`)}
            </Text>
            <div data-testid="alert-ack-cell">
              <Acknowledgement alert={a} when={when} ack={ack} />
            </div>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

/** Who acknowledged it and when, or the button to do it. */
function Acknowledgement({
  alert: a,
  when,
  ack,
}: {
  alert: Alert;
  when: Intl.DateTimeFormat;
  ack: ReturnType<typeof useAcknowledge>;
}) {
  const { t } = useAlertsTranslation();
  // Acknowledged through an API token: the time, but no employee.
  if (a.acknowledgedAt) {
    return (
      <div>
        <Text size="sm">{a.acknowledgedBy?.name ?? t("log.byToken")}</Text>
        <Text size="xs" c="dimmed">
          {when.format(new Date(a.acknowledgedAt))}
        </Text>
      </div>
    );
  }
  return (
    <Button
      size="xs"
      variant="light"
      color={a.status === "open" ? "red" : "gray"}
      loading={ack.isPending && ack.variables === a.id}
      onClick={(e) => {
        e.stopPropagation();
        ack.mutate(a.id);
      }}
      data-testid="alert-ack"
    >
      {t("log.ack")}
    </Button>
  );
}

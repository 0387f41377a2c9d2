import type { AlertDelivery, AlertDetail, DeliveryStatus } from "@dq/shared";
import { Alert, Button, Drawer, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { ReactNode } from "react";
import { dateTimeFormat } from "../../../app/day-format.ts";
import { errorMessage } from "../../../app/errors.ts";
import { useOffice } from "../../../app/office.ts";
import { alertSentence, formatMeasure, formatThreshold } from "./alertText.ts";
import { ChannelOutcome } from "./ChannelOutcome.tsx";
import { StateBadges } from "./StateBadges.tsx";
import { useAlertsTranslation } from "./texts.ts";
import { useAcknowledge, useAlertDetail, useServiceNames } from "./useAlerts.ts";

const DELIVERY_COLOR: Record<DeliveryStatus, string> = {
  pending: "yellow",
  sent: "green",
  failed: "red",
  superseded: "gray",
};

/** One alert in full: its facts, who acknowledged it, and every message sent about it. */
export function AlertDetails({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useAlertsTranslation();
  const phone = useMediaQuery("(max-width: 48em)");
  const detail = useAlertDetail(id);
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size={phone ? "100%" : "xl"}
      title={
        <Text span fw={700}>
          {t("detail.title")}
        </Text>
      }
    >
      {detail.error && <Alert color="red">{errorMessage(t, detail.error)}</Alert>}
      {detail.isPending && id !== null && <Loader size="sm" />}
      {detail.data && detail.data.id === id && <DetailBody alert={detail.data} />}
    </Drawer>
  );
}

function DetailBody({ alert: a }: { alert: AlertDetail }) {
  const { t, i18n } = useAlertsTranslation();
  const timeZone = useOffice().data?.timezone;
  const serviceName = useServiceNames();
  const ack = useAcknowledge();
  const when = dateTimeFormat(i18n.language, timeZone, true);
  const at = (s: string | null) => (s ? when.format(new Date(s)) : null);
  const service = a.serviceId ? (serviceName(a.serviceId) ?? a.serviceName) : a.serviceName;
  const facts: [string, ReactNode][] = [
    [t("detail.rule"), a.ruleName || t(`kinds.${a.kind}`)],
    [t("detail.kind"), t(`kinds.${a.kind}`)],
    [t("detail.service"), service],
    [t("detail.employee"), a.employeeName],
    [t("detail.threshold"), formatThreshold(t, a.kind, a.threshold)],
    [t("detail.value"), formatMeasure(t, a.kind, a.value)],
    [t("detail.peak"), formatMeasure(t, a.kind, a.peakValue)],
    [t("detail.waiting"), a.details.waiting ?? null],
    [t("detail.ticket"), a.details.ticketLabel ?? null],
    [t("detail.pauseReason"), a.details.pauseReason ?? null],
    [t("detail.workstation"), a.details.workstation ?? null],
    [t("detail.openedAt"), at(a.openedAt)],
    [t("detail.escalatedAt"), at(a.escalatedAt)],
    [t("detail.resolvedAt"), at(a.resolvedAt)],
  ];
  return (
    <Stack data-testid="alert-details">
      <Text fw={600} size="lg" data-testid="alert-details-text">
        {alertSentence(t, a, serviceName)}
      </Text>
      <StateBadges alert={a} />
      <Table variant="vertical" layout="fixed" withTableBorder>
        <Table.Tbody>
          {facts
            .filter(([, v]) => v !== null && v !== undefined && v !== "")
            .map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={200}>{label}</Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          <Table.Tr>
            <Table.Th w={200}>{t("detail.acknowledged")}</Table.Th>
            <Table.Td data-testid="alert-details-ack">
              {a.acknowledgedAt ? (
                `${a.acknowledgedBy?.name ?? t("log.byToken")}, ${at(a.acknowledgedAt)}`
              ) : (
                <Group gap="sm">
                  <Text c="dimmed" size="sm">
                    {t("detail.notAcknowledged")}
                  </Text>
                  <Button
                    size="xs"
                    color="red"
                    variant="light"
                    loading={ack.isPending}
                    onClick={() => ack.mutate(a.id)}
                  >
                    {t("log.ack")}
                  </Button>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {ack.error && <Alert color="red">{errorMessage(t, ack.error)}</Alert>}
      <Title order={4}>{t("detail.deliveries")}</Title>
      {a.deliveries.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("detail.noDeliveries")}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="alert-deliveries">
          {a.deliveries.map((d) => (
            <Delivery key={d.id} delivery={d} at={at} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** One message: why it was sent, where, whether it arrived, and the last error if it did not. */
function Delivery({ delivery: d, at }: { delivery: AlertDelivery; at: (s: string | null) => string | null }) {
  const { t } = useAlertsTranslation();
  return (
    <ChannelOutcome
      channel={d.channel}
      badge={{ color: DELIVERY_COLOR[d.status], label: t(`deliveryStatus.${d.status}`) }}
      attributes={{ "data-testid": "alert-delivery", "data-status": d.status }}
    >
      <Text size="xs" c="dimmed">
        {[
          t(`deliveryEvents.${d.event}`),
          `${t("detail.attempts")}: ${d.attempts}`,
          d.sentAt && `${t("detail.sentAt")}: ${at(d.sentAt)}`,
          d.status === "pending" && d.nextAttemptAt && `${t("detail.nextAttempt")}: ${at(d.nextAttemptAt)}`,
        ]
          .filter(Boolean)
          .join(" · ")}
      </Text>
      {d.lastError && (
        <Text size="xs" c="red" style={{ overflowWrap: "anywhere" }} data-testid="alert-delivery-error">
          {t("detail.lastError")}: {d.lastError}
        </Text>
      )}
    </ChannelOutcome>
  );
}

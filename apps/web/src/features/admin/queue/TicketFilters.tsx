import { type Service, TICKET_STATUSES, type TicketStatus } from "@dq/shared";
import { Group, Select, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { localName } from "../../operator/format.ts";
import { NS } from "../texts.ts";
import type { QueueFilters } from "./useQueueData.ts";

/** Search by label, and the service and status the list shows. */
export function TicketFilters({ filters, leaves }: { filters: QueueFilters; leaves: Service[] }) {
  const { t, i18n } = useTranslation(NS);
  return (
    <Group align="flex-end">
      <TextInput
        label={t("common.search")}
        placeholder="A015"
        value={filters.search}
        onChange={(e) => filters.setSearch(e.currentTarget.value)}
        w={160}
      />
      <Select
        label={t("queue.filterService")}
        data={leaves.map((s) => ({ value: s.id, label: localName(s, i18n.language) }))}
        value={filters.serviceId}
        onChange={filters.setServiceId}
        clearable
        placeholder={t("common.all")}
      />
      <Select
        label={t("queue.filterStatus")}
        data={TICKET_STATUSES.map((s) => ({ value: s, label: t(`ticketStatus.${s}`) }))}
        value={filters.status}
        onChange={(v) => v && filters.setStatus(v as TicketStatus)}
        allowDeselect={false}
      />
    </Group>
  );
}

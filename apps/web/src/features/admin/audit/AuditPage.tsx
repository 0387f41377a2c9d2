import { type AuditEntry, auditEntrySchema, listOf } from "@dq/shared";
import { Button, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../app/api.ts";
import { DayField } from "../../../app/DayField.tsx";
import { dateTimeFormat } from "../../../app/day-format.ts";
import { useOffice } from "../../../app/office.ts";
import { NS } from "../texts.ts";
import { describeEntry } from "./describe.ts";
import { en, ru } from "./strings.ts";

const PAGE = 50;
const ENTITIES = [
  "service",
  "category",
  "pause_reason",
  "employee",
  "workstation",
  "device",
  "api_token",
  "branch",
  "ticket",
  "alert_rule",
];

/** Who changed what and when: newest first, filtered by day and kind of object, paged. */
export default function AuditPage() {
  const { t, i18n } = useTranslation(NS);
  const timeZone = useOffice().data?.timezone;
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [entity, setEntity] = useState<string | null>(null);
  const filters = new URLSearchParams({ limit: String(PAGE) });
  if (from) filters.set("from", from);
  if (to) filters.set("to", to);
  if (entity) filters.set("entity", entity);
  const log = useInfiniteQuery({
    queryKey: ["audit", filters.toString()],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams(filters);
      if (pageParam) q.set("beforeId", pageParam);
      return api.get(`/api/v1/audit-log?${q}`, listOf(auditEntrySchema));
    },
    getNextPageParam: (last) => (last.items.length === PAGE ? last.items.at(-1)!.id : null),
  });
  const rows: AuditEntry[] = log.data?.pages.flatMap((p) => p.items) ?? [];
  const words = i18n.language === "en" ? en : ru;
  const when = dateTimeFormat(i18n.language, timeZone, true);
  return (
    <Stack>
      <Title order={2}>{t("audit.title")}</Title>
      <Group align="flex-end">
        <DayField
          label={t("audit.from")}
          value={from}
          onChange={(day) => setFrom(day ?? "")}
          clearable
          w={170}
        />
        <DayField label={t("audit.to")} value={to} onChange={(day) => setTo(day ?? "")} clearable w={170} />
        <Select
          label={t("audit.entity")}
          data={ENTITIES.map((value) => ({ value, label: words.entities[value] ?? value }))}
          value={entity}
          onChange={setEntity}
          clearable
          placeholder={t("common.all")}
        />
      </Group>
      <Table striped data-testid="audit-log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("audit.at")}</Table.Th>
            <Table.Th>{t("audit.who")}</Table.Th>
            <Table.Th>{t("audit.action")}</Table.Th>
            <Table.Th>{t("audit.object")}</Table.Th>
            <Table.Th>{t("audit.details")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const d = describeEntry(r, words);
            return (
              <Table.Tr key={r.id} data-testid="audit-row">
                <Table.Td style={{ whiteSpace: "nowrap" }}>{when.format(new Date(r.at))}</Table.Td>
                <Table.Td>{d.actor}</Table.Td>
                <Table.Td>{d.action}</Table.Td>
                <Table.Td>{d.object}</Table.Td>
                <Table.Td maw={480}>
                  {d.changes.map((line) => (
                    <Text key={line} size="sm" style={{ overflowWrap: "anywhere" }}>
                      {line}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {log.isSuccess && rows.length === 0 && <Text c="dimmed">{t("common.empty")}</Text>}
      {log.hasNextPage && (
        <Button variant="light" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
          {t("audit.more")}
        </Button>
      )}
    </Stack>
  );
}

import { Alert, Group, Pagination, SegmentedControl, Switch, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { dateTimeFormat } from "../../../app/day-format.ts";
import { errorMessage } from "../../../app/errors.ts";
import { useOffice } from "../../../app/office.ts";
import { AlertDetails } from "./AlertDetails.tsx";
import { AlertCards, AlertTable } from "./AlertRows.tsx";
import { useAlertsTranslation } from "./texts.ts";
import { useAcknowledge, useAlertList } from "./useAlerts.ts";

const PAGE = 25;
const STATUSES = ["open", "resolved", "all"] as const;
type Status = (typeof STATUSES)[number];

/** The alerts, newest first: filtered by state, paged, live (the banner's stream refreshes them). */
export function AlertLog() {
  const { t, i18n } = useAlertsTranslation();
  const [params, setParams] = useSearchParams();
  const status: Status = STATUSES.find((s) => s === params.get("status")) ?? "all";
  const unacked = params.get("unacked") === "1";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const query = new URLSearchParams({ status, limit: String(PAGE), offset: String((page - 1) * PAGE) });
  if (unacked) query.set("acknowledged", "false");
  const list = useAlertList(query.toString());
  const ack = useAcknowledge();
  const timeZone = useOffice().data?.timezone;
  const [selected, setSelected] = useState<string | null>(null);
  const phone = useMediaQuery("(max-width: 36em)");
  const when = dateTimeFormat(i18n.language, timeZone);
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  // The live list shrank under the page shown (alerts resolved, filtered out): go to its last page.
  const beyond = list.isSuccess && !list.isPlaceholderData && page > pages;
  useEffect(() => {
    if (!beyond) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (pages === 1) next.delete("page");
        else next.set("page", String(pages));
        return next;
      },
      { replace: true },
    );
  }, [beyond, pages, setParams]);

  return (
    <>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Group gap="md" align="center">
          <SegmentedControl
            aria-label={t("log.status")}
            value={status}
            onChange={(v) => update({ status: v === "all" ? null : v, page: null })}
            data={STATUSES.map((s) => ({ value: s, label: t(`log.statuses.${s}`) }))}
            data-testid="alert-log-status"
          />
          <Switch
            label={t("log.onlyUnacked")}
            checked={unacked}
            onChange={(e) => update({ unacked: e.currentTarget.checked ? "1" : null, page: null })}
            data-testid="alert-log-unacked"
          />
        </Group>
        <Text c="dimmed" size="sm" data-testid="alert-log-total">
          {t("log.total", { count: total })}
        </Text>
      </Group>
      {list.error && <Alert color="red">{errorMessage(t, list.error)}</Alert>}
      {ack.error && (
        <Alert color="red" withCloseButton onClose={() => ack.reset()}>
          {errorMessage(t, ack.error)}
        </Alert>
      )}
      {phone ? (
        <AlertCards items={items} when={when} onOpen={setSelected} ack={ack} />
      ) : (
        <AlertTable items={items} when={when} onOpen={setSelected} ack={ack} />
      )}
      {list.isSuccess && items.length === 0 && <Text c="dimmed">{t("log.empty")}</Text>}
      {pages > 1 && (
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={(p) => update({ page: p === 1 ? null : String(p) })}
          data-testid="alert-log-pages"
        />
      )}
      <AlertDetails id={selected} onClose={() => setSelected(null)} />
    </>
  );
}

import { Alert, Loader, Progress, Stack, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { api } from "../../../app/api.ts";
import { addTranslations } from "../../../app/i18n.ts";

const NS = "history-status";

addTranslations(NS, {
  ru: {
    title: "Готовим демонстрационную историю",
    progress_one: "{{daysDone}} из {{count}} дня",
    progress_few: "{{daysDone}} из {{count}} дней",
    progress_many: "{{daysDone}} из {{count}} дней",
    progress_other: "{{daysDone}} из {{count}} дней",
    hint: "Отчёты за прошлые дни пополняются по мере готовности; текущая очередь уже работает.",
  },
  en: {
    title: "Preparing the demo history",
    progress_one: "{{daysDone}} of {{count}} day",
    // Russian's plural forms, unused in English.
    progress_few: "{{daysDone}} of {{count}} days",
    progress_many: "{{daysDone}} of {{count}} days",
    progress_other: "{{daysDone}} of {{count}} days",
    hint: "Reports on past days fill in as it goes; today's queue already works.",
  },
});

/** GET /api/v1/reports/history-status */
const historyStatusSchema = z.object({
  state: z.enum(["preparing", "ready", "none"]),
  daysDone: z.number(),
  days: z.number(),
});

/**
 * «Готовим демонстрационную историю: 3 из 7 дней» while the demo office's past days are still
 * being made; gone once they are (and the reports and dashboard read again). A server makes them
 * before it listens, so only a second instance on the same PostgreSQL can show it.
 */
export function HistoryBanner() {
  const { t } = useTranslation(NS);
  const client = useQueryClient();
  const status = useQuery({
    queryKey: ["history-status"],
    queryFn: () => api.get("/api/v1/reports/history-status", historyStatusSchema),
    refetchInterval: (query) => (query.state.data?.state === "preparing" ? 3000 : false),
  });
  const s = status.data;
  const wasPreparing = useRef(false);
  useEffect(() => {
    if (s?.state === "preparing") wasPreparing.current = true;
    else if (s?.state === "ready" && wasPreparing.current) {
      wasPreparing.current = false;
      void client.invalidateQueries({ queryKey: ["report"] });
      void client.invalidateQueries({ queryKey: ["dashboard"] });
    }
  }, [s?.state, client]);
  if (s?.state !== "preparing") return null;
  return (
    <Alert color="blue" icon={<Loader size="xs" />} title={t("title")} data-testid="history-banner">
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {t("progress", { daysDone: s.daysDone, count: s.days })}
        </Text>
        <Progress value={s.days > 0 ? (100 * s.daysDone) / s.days : 0} size="sm" />
        <Text size="sm" c="dimmed">
          {t("hint")}
        </Text>
      </Stack>
    </Alert>
  );
}

import type { OperatorToday } from "@dq/shared";
import { SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { duration } from "./format.ts";
import { PanelCard } from "./PanelCard.tsx";
import { NS } from "./texts.ts";

/** The operator's day so far: served, average service time, no-shows, redirected. */
export function MyDay({ today, watched }: { today: OperatorToday | undefined; watched: boolean }) {
  const { t } = useTranslation(NS);
  return (
    <PanelCard title={t(watched ? "side.todayHere" : "side.today")}>
      <SimpleGrid cols={4} data-testid="my-day">
        <Figure label={t("side.served")} value={today?.served ?? 0} />
        <Figure
          label={t("side.average")}
          value={today?.averageServiceSeconds == null ? "—" : duration(today.averageServiceSeconds)}
        />
        <Figure label={t("side.noShows")} value={today?.noShows ?? 0} />
        <Figure label={t("side.redirected")} value={today?.redirected ?? 0} />
      </SimpleGrid>
    </PanelCard>
  );
}

function Figure({ label, value }: { label: string; value: number | string }) {
  return (
    <Stack gap={0} align="center">
      <Text fz={24} fw={700}>
        {value}
      </Text>
      <Text size="xs" c="dimmed" ta="center">
        {label}
      </Text>
    </Stack>
  );
}

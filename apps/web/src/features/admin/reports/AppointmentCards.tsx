import type { AppointmentFigures } from "@dq/shared";
import { Card, SimpleGrid, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatMinutes, formatNumber, formatPercent } from "./format.ts";
import { NS } from "./texts.ts";

/** Punctuality coloured as the service level is: green from 90 %, orange from 75 %, red below. */
export const punctualityColor = (share: number | null) =>
  share === null ? undefined : share >= 0.9 ? "green" : share >= 0.75 ? "orange" : "red";

/**
 * The appointments' figures of a period as cards: booked, checked in, no-shows and punctuality; the
 * full set (`full`) adds cancelled and the average wait, for the appointments tab.
 */
export function AppointmentCards({
  figures: f,
  targetMinutes,
  full = false,
}: {
  figures: AppointmentFigures;
  targetMinutes: number;
  full?: boolean;
}) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const n = (x: number) => formatNumber(lang, x);
  const noShowRate = f.booked ? f.noShows / f.booked : null;
  const cards = [
    { key: "booked", value: n(f.booked) },
    {
      key: "checkedIn",
      value: n(f.checkedIn),
      detail: f.late ? t("appointments.lateDetail", { count: f.late }) : undefined,
    },
    {
      key: "noShows",
      value: n(f.noShows),
      detail:
        noShowRate === null
          ? undefined
          : t("appointments.noShowRate", { rate: formatPercent(lang, noShowRate) }),
    },
    ...(full ? [{ key: "cancelled", value: n(f.cancelled) }] : []),
    {
      key: "punctuality",
      value: formatPercent(lang, f.withinTargetShare),
      detail: t("appointments.punctualityDetail", {
        within: n(f.withinTarget),
        called: n(f.called),
        target: targetMinutes,
      }),
      color: punctualityColor(f.withinTargetShare),
    },
    ...(full
      ? [
          {
            key: "averageWait",
            value: formatMinutes(t, lang, f.averageWaitMinutes),
            detail: t("appointments.averageWaitDetail"),
          },
        ]
      : []),
  ];
  return (
    <SimpleGrid
      cols={{ base: 2, sm: full ? 3 : 4, lg: full ? 6 : 4 }}
      spacing="sm"
      data-testid="appointment-kpis"
    >
      {cards.map((c) => (
        <Card key={c.key} withBorder padding="sm" data-testid={`appointment-${c.key}`}>
          <Text size="sm" c="dimmed">
            {t(`appointments.${c.key}`)}
          </Text>
          <Text fz={28} fw={700} c={"color" in c ? c.color : undefined} lh={1.2} data-testid="kpi-value">
            {c.value}
          </Text>
          {"detail" in c && c.detail && (
            <Text size="xs" c="dimmed">
              {c.detail}
            </Text>
          )}
        </Card>
      ))}
    </SimpleGrid>
  );
}

import { Alert, Card, Center, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../app/errors.ts";
import { NS } from "./texts.ts";

/** A titled card for a chart or table, with the same empty state everywhere. */
export function ChartCard(props: {
  title: string;
  empty?: boolean;
  children: ReactNode;
  testId?: string;
  caption?: string;
}) {
  const { t } = useTranslation(NS);
  return (
    <Card withBorder padding="md" data-testid={props.testId}>
      <Title order={4}>{props.title}</Title>
      {props.caption && (
        <Text size="sm" c="dimmed">
          {props.caption}
        </Text>
      )}
      {props.empty ? (
        <Center h={160}>
          <Text c="dimmed">{t("charts.noData")}</Text>
        </Center>
      ) : (
        <div style={{ marginTop: "var(--mantine-spacing-sm)" }}>{props.children}</div>
      )}
    </Card>
  );
}

/** Chart colours from the Mantine palette, so charts match the rest of the console. */
export const COLORS = {
  served: "var(--mantine-color-blue-6)",
  noShow: "var(--mantine-color-orange-5)",
  wait: "var(--mantine-color-red-7)",
  arrivals: "var(--mantine-color-teal-6)",
  rating: "var(--mantine-color-yellow-5)",
  grid: "var(--mantine-color-gray-3)",
};

/** A report the server refused or could not build: the reason, in words. */
export function ReportError({ error }: { error: unknown }) {
  const { t } = useTranslation(NS);
  return (
    <Alert color="red" data-testid="report-error">
      {t("error", { message: errorMessage(t, error) })}
    </Alert>
  );
}

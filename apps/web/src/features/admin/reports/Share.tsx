import { Group, Progress, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatPercent } from "./format.ts";
import { NS } from "./texts.ts";

/** A share as a bar and a percentage. */
export function Share({ value }: { value: number | null }) {
  const { i18n } = useTranslation(NS);
  if (value === null) return <Text c="dimmed">—</Text>;
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress value={value * 100} w={90} color={value > 0.9 ? "red" : value > 0.7 ? "orange" : "blue"} />
      <Text size="sm">{formatPercent(i18n.language, value)}</Text>
    </Group>
  );
}

import { Center, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "./LanguageSwitch.tsx";

/** A screen that later releases fill in: its title, and a note that it is on the way. */
export function ScreenPlaceholder({
  title,
  children,
  fullScreen = false,
}: {
  title: string;
  children?: ReactNode;
  fullScreen?: boolean;
}) {
  const { t } = useTranslation();
  const body = (
    <Paper withBorder p="xl" maw={640} w="100%">
      <Stack gap="md">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="dimmed">{t("common.comingSoon")}</Text>
        {children}
        {fullScreen && <LanguageSwitch size="sm" />}
      </Stack>
    </Paper>
  );
  return fullScreen ? (
    <Center mih="100vh" p="md" bg="gray.0">
      {body}
    </Center>
  ) : (
    body
  );
}

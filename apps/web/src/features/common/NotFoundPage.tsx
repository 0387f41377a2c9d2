import { Anchor, Center, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center mih="100vh">
      <Stack align="center" gap="sm">
        <Title order={1}>{t("screens.notFound")}</Title>
        <Text c="dimmed">{t("screens.notFoundText")}</Text>
        <Anchor component={Link} to="/">
          {t("screens.home")}
        </Anchor>
      </Stack>
    </Center>
  );
}

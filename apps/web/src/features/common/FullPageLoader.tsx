import { Center, Loader, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useReconnecting } from "../../app/connection.ts";

/**
 * A screen still loading; while the server cannot be reached it says it is reconnecting, unless the
 * page around it says so already (`quiet`: inside the staff layout and its banner).
 */
export function FullPageLoader({ quiet = false }: { quiet?: boolean }) {
  const { t } = useTranslation();
  const reconnecting = useReconnecting() && !quiet;
  return (
    <Center h="100vh">
      <Stack align="center" gap="sm">
        <Loader />
        {reconnecting && (
          <Text c="dimmed" role="status" data-testid="reconnecting">
            {t("common.offline")}
          </Text>
        )}
      </Stack>
    </Center>
  );
}

import { branchSchema } from "@dq/shared";
import { Alert, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../app/api.ts";
import { dirError, useDirectoryTranslation } from "../directories/texts.ts";
import { SettingsForm } from "./SettingsForm.tsx";

/** «Настройки офиса»: name, timezone, languages, board and ticket texts, and how "call next" chooses. */
export default function SettingsPage() {
  const { t } = useDirectoryTranslation();
  const branch = useQuery({ queryKey: ["branch"], queryFn: () => api.get("/api/v1/branch", branchSchema) });
  return (
    <Stack maw={880}>
      <Title order={2}>{t("settings.title")}</Title>
      {branch.error && <Alert color="red">{dirError(t, branch.error)}</Alert>}
      {branch.isPending && (
        <Group>
          <Loader size="sm" />
          <Text c="dimmed">{t("settings.loading")}</Text>
        </Group>
      )}
      {/* Loaded once: a refetch in the background must not overwrite what is being typed. */}
      {branch.data && <SettingsForm key={branch.data.id} branch={branch.data} />}
    </Stack>
  );
}

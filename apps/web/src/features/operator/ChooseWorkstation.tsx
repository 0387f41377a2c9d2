import { roleAtLeast, type WorkstationChoice } from "@dq/shared";
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMe } from "../../app/auth.tsx";
import { ActionError } from "./ActionError.tsx";
import { localName } from "./format.ts";
import { NS } from "./texts.ts";
import { lastWorkstation, useAction, useDirectories, useWorkstations } from "./useWorkplace.ts";

/**
 * Where the operator chooses his workstation. Each window says which of his services it serves;
 * one that serves none of them is put last and warns that he could call nobody there.
 */
export function ChooseWorkstation() {
  const { t } = useTranslation(NS);
  const workstations = useWorkstations();
  const action = useAction();
  const list = (workstations.data?.items ?? []).filter((w) => w.active || w.operator);
  // Those that fit first, each group in the server's order (by number).
  const sorted = [...list.filter((w) => w.services.length > 0), ...list.filter((w) => !w.services.length)];
  return (
    <Stack maw={960}>
      <Title order={2}>{t("choose.title")}</Title>
      {action.error && <ActionError error={action.error} onClose={() => action.reset()} />}
      {workstations.isSuccess && list.length === 0 && <Text c="dimmed">{t("choose.none")}</Text>}
      {list.length > 0 && sorted[0]!.services.length === 0 && (
        <Alert color="orange" data-testid="no-window-fits">
          {t("choose.noneFits")}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        {sorted.map((w) => (
          <WorkstationCard key={w.id} w={w} action={action} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function WorkstationCard({ w, action }: { w: WorkstationChoice; action: ReturnType<typeof useAction> }) {
  const { t, i18n } = useTranslation(NS);
  const me = useMe();
  const dirs = useDirectories();
  const supervisor = me.data ? roleAtLeast(me.data.role, "supervisor") : false;
  const takenBy = w.operator && w.operator.id !== me.data?.id ? w.operator : null;
  const last = w.id === lastWorkstation();
  const fits = w.services.length > 0;
  const serviceName = (s: { id: string; name: string }) => {
    const found = dirs.services.data?.items.find((x) => x.id === s.id);
    return found ? localName(found, i18n.language) : s.name;
  };
  return (
    <Card withBorder padding="lg" data-testid={`workstation-${w.number}`} data-fits={fits}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={3}>{w.name}</Title>
          <Badge size="xl" variant="light">
            {w.number}
          </Badge>
        </Group>
        {fits ? (
          <Text size="sm" c="teal.8">
            {t("choose.serves", { services: w.services.map(serviceName).join(", ") })}
          </Text>
        ) : (
          <Text size="sm" c="orange.8" fw={500}>
            {t("choose.servesNone")}
          </Text>
        )}
        {last && (
          <Text size="sm" c="indigo">
            {t("choose.last")}
          </Text>
        )}
        {takenBy ? (
          <Text size="sm" c="dimmed">
            {t("choose.takenBy", { name: takenBy.name })}
          </Text>
        ) : !w.active ? (
          <Text size="sm" c="dimmed">
            {t("choose.inactive")}
          </Text>
        ) : null}
        <Group>
          <Button
            disabled={Boolean(takenBy) || !w.active}
            loading={
              action.isPending && action.variables?.kind === "take" && action.variables.workstationId === w.id
            }
            variant={!fits ? "outline" : last ? "filled" : "light"}
            color={fits ? undefined : "orange"}
            onClick={() => action.mutate({ kind: "take", workstationId: w.id })}
          >
            {t(fits ? "choose.take" : "choose.takeAnyway")}
          </Button>
          {supervisor && takenBy && (
            <Button component={Link} to={`/operator?workstation=${w.id}`} variant="subtle">
              {t("choose.watch")}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

import { roleAtLeast } from "@dq/shared";
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useMe } from "../../app/auth.tsx";
import { useLiveQueries } from "../../app/events.ts";
import { FullPageLoader } from "../common/FullPageLoader.tsx";
import { ActionError } from "./ActionError.tsx";
import { NS } from "./texts.ts";
import { lastWorkstation, useAction, useWorkplaceData, useWorkstations } from "./useWorkplace.ts";
import { Workplace } from "./Workplace.tsx";

/**
 * The operator's screen: choose a workstation, then work there. A supervisor may open any
 * workstation read-only with `?workstation=<id>`.
 */
export default function OperatorPage() {
  const [params] = useSearchParams();
  const watch = params.get("workstation");
  const me = useMe();
  const data = useWorkplaceData(watch);
  useLiveQueries("staff");
  const state = data.state.data;
  // The staff layout's banner says when the server cannot be reached.
  if (!state || !me.data) return <FullPageLoader quiet />;
  if (!watch && !state.workstation) return <ChooseWorkstation />;
  const readOnly = watch !== null && state.employee?.id !== me.data.id;
  return <Workplace data={data} readOnly={readOnly} />;
}

function ChooseWorkstation() {
  const { t } = useTranslation(NS);
  const me = useMe();
  const workstations = useWorkstations();
  const action = useAction();
  const last = lastWorkstation();
  const supervisor = me.data ? roleAtLeast(me.data.role, "supervisor") : false;
  const list = (workstations.data?.items ?? []).filter((w) => w.active || w.operator);
  return (
    <Stack maw={960}>
      <Title order={2}>{t("choose.title")}</Title>
      {action.error && <ActionError error={action.error} onClose={() => action.reset()} />}
      {workstations.isSuccess && list.length === 0 && <Text c="dimmed">{t("choose.none")}</Text>}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        {list.map((w) => {
          const takenBy = w.operator && w.operator.id !== me.data?.id ? w.operator : null;
          return (
            <Card key={w.id} withBorder padding="lg" data-testid={`workstation-${w.number}`}>
              <Stack gap="xs">
                <Group justify="space-between" align="flex-start">
                  <Title order={3}>{w.name}</Title>
                  <Badge size="xl" variant="light">
                    {w.number}
                  </Badge>
                </Group>
                {w.id === last && (
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
                      action.isPending &&
                      action.variables?.kind === "take" &&
                      action.variables.workstationId === w.id
                    }
                    variant={w.id === last ? "filled" : "light"}
                    onClick={() => action.mutate({ kind: "take", workstationId: w.id })}
                  >
                    {t("choose.take")}
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
        })}
      </SimpleGrid>
    </Stack>
  );
}

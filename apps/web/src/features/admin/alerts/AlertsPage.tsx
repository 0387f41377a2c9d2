import { roleAtLeast } from "@dq/shared";
import { Stack, Tabs, Text, Title } from "@mantine/core";
import { useSearchParams } from "react-router";
import { useMe } from "../../../app/auth.tsx";
import { AlertLog } from "./AlertLog.tsx";
import { AlertRules } from "./AlertRules.tsx";
import { useAlertsTranslation } from "./texts.ts";

const TABS = ["log", "rules"] as const;
type Tab = (typeof TABS)[number];

/**
 * «Уведомления»: the log of alerts (supervisors and administrators) and, for administrators, the
 * rules that raise them. The tab lives in the address (`?tab=rules`), as the reports' tabs do.
 */
export default function AlertsPage() {
  const { t } = useAlertsTranslation();
  const [params, setParams] = useSearchParams();
  const admin = roleAtLeast(useMe().data?.role ?? "operator", "admin");
  const tab: Tab = admin && params.get("tab") === "rules" ? "rules" : "log";
  const setTab = (next: Tab) => {
    const query = new URLSearchParams(params);
    if (next === "log") query.delete("tab");
    else query.set("tab", next);
    setParams(query, { replace: true });
  };
  return (
    <Stack data-testid="alerts-page">
      <div>
        <Title order={2}>{t("title")}</Title>
        <Text c="dimmed" size="sm">
          {t("hint")}
        </Text>
      </div>
      {admin ? (
        <Tabs value={tab} onChange={(v) => setTab((v as Tab) ?? "log")} keepMounted={false}>
          <Tabs.List>
            {TABS.map((x) => (
              <Tabs.Tab key={x} value={x} data-testid={`alerts-tab-${x}`}>
                {t(`tabs.${x}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {TABS.map((x) => (
            <Tabs.Panel key={x} value={x} pt="md">
              <Stack>{x === "log" ? <AlertLog /> : <AlertRules />}</Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
      ) : (
        <AlertLog />
      )}
    </Stack>
  );
}

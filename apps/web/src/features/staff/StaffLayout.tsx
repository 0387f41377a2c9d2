import { type Role, roleAtLeast } from "@dq/shared";
import { AppShell, Burger, Button, Group, NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { useLogout, useMe } from "../../app/auth.tsx";
import { AlertBanner } from "../admin/alerts/AlertBanner.tsx";
import { LanguageSwitch } from "../common/LanguageSwitch.tsx";
import { ConnectionBanner } from "./ConnectionBanner.tsx";
import css from "./staff.module.css";

interface NavItem {
  to: string;
  label: string;
  role: Role;
  /** Operators work in their workplace; supervisors and admins see the office from /admin. */
  only?: Role;
}

const NAV: NavItem[] = [
  { to: "/operator", label: "nav.operator", role: "operator", only: "operator" },
  { to: "/admin", label: "nav.dashboard", role: "supervisor" },
  { to: "/admin/queue", label: "nav.queue", role: "supervisor" },
  { to: "/admin/reports", label: "nav.reports", role: "supervisor" },
  { to: "/admin/alerts", label: "nav.alerts", role: "supervisor" },
  { to: "/operator", label: "nav.operator", role: "supervisor" },
  { to: "/admin/services", label: "nav.services", role: "admin" },
  { to: "/admin/categories", label: "nav.categories", role: "admin" },
  { to: "/admin/employees", label: "nav.employees", role: "admin" },
  { to: "/admin/workstations", label: "nav.workstations", role: "admin" },
  { to: "/admin/pause-reasons", label: "nav.pauseReasons", role: "admin" },
  { to: "/admin/devices", label: "nav.devices", role: "admin" },
  { to: "/admin/settings", label: "nav.settings", role: "admin" },
  { to: "/admin/audit", label: "nav.audit", role: "admin" },
];

/** Navigation items a role may use. */
export function navFor(role: Role): NavItem[] {
  return NAV.filter((i) => (i.only ? i.only === role : roleAtLeast(role, i.role)));
}

export default function StaffLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const user = me.data;
  if (!user) return null;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 260, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.menu")} />
            <Text fw={700}>{t("app.name")}</Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="xs" data-testid="current-user">
              {user.name} · {t(`nav.roles.${user.role}`)}
            </Text>
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t("nav.main")}>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {navFor(user.role).map((item) => (
              <NavLink
                key={`${item.to}-${item.label}`}
                component={Link}
                to={item.to}
                label={t(item.label)}
                active={location.pathname === item.to}
                onClick={close}
              />
            ))}
            {user.role === "admin" && <NavLink href="/api/docs" target="_blank" label={t("nav.apiDocs")} />}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Button
            variant="subtle"
            color="gray"
            fullWidth
            loading={logout.isPending}
            onClick={() =>
              logout.mutate(undefined, { onSuccess: () => navigate("/login", { replace: true }) })
            }
          >
            {t("nav.signOut")}
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <div className={css.banners}>
          <ConnectionBanner />
          {/* Alerts are for those who can act on the whole office, not for operators at their window. */}
          {roleAtLeast(user.role, "supervisor") && <AlertBanner />}
        </div>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

import { roleAtLeast } from "@dq/shared";
import { AppShell, Burger, Button, Group, NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { useLogout, useMe } from "../../app/auth.tsx";
import { LANGUAGES } from "../../app/i18n.ts";
import { screensFor } from "../../app/screens.ts";
import { AlertBanner } from "../admin/alerts/AlertBanner.tsx";
import { LanguageSwitch } from "../common/LanguageSwitch.tsx";
import { ConnectionBanner } from "./ConnectionBanner.tsx";
import { staffIdentity } from "./identity.ts";
import css from "./staff.module.css";

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
              {staffIdentity(user, (role, lng) => t(`nav.roles.${role}`, { lng }), LANGUAGES)}
            </Text>
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t("nav.main")}>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {screensFor(user.role).map((screen) => (
              <NavLink
                key={screen.path}
                component={Link}
                to={screen.path}
                label={t(screen.title)}
                active={location.pathname === screen.path}
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

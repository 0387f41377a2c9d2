import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { homeOf, useLogin, useMe } from "../../app/auth.tsx";
import { errorMessage } from "../../app/errors.ts";
import { addTranslations } from "../../app/i18n.ts";
import { FullPageLoader } from "../common/FullPageLoader.tsx";
import { LanguageSwitch } from "../common/LanguageSwitch.tsx";
import { lockoutSeconds, lockoutText, useSecondsLeft } from "./lockout.ts";
import { en, ru } from "./strings.ts";

addTranslations("login", { ru, en });

/** Only same-site paths: a crafted ?next= must not send people to another site. */
function safeNext(next: string | null): string | null {
  return next?.startsWith("/") && !next.startsWith("//") ? next : null;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const form = useForm({
    initialValues: { login: "", password: "" },
    validate: {
      login: (v) => (v.trim() ? null : t("login.required")),
      password: (v) => (v ? null : t("login.required")),
    },
  });

  if (me.isPending) return <FullPageLoader />;
  if (me.data) return <Navigate to={next ?? homeOf(me.data.role)} replace />;

  const lockout = lockoutSeconds(login.error);
  const message = login.error && lockout === null ? errorMessage(t, login.error) : null;

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={400}>
        <form
          onSubmit={form.onSubmit((values) =>
            login.mutate(values, {
              onSuccess: ({ user }) => navigate(next ?? homeOf(user.role), { replace: true }),
            }),
          )}
        >
          <Stack>
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={1} size="h3">
                  {t("app.name")}
                </Title>
                <Text c="dimmed" size="sm">
                  {t("login.title")}
                </Text>
              </div>
              <LanguageSwitch />
            </Group>
            {message && (
              <Alert color="red" role="alert">
                {message}
              </Alert>
            )}
            {/* Each refusal counts down from its own Retry-After. */}
            {lockout !== null && <LockoutAlert key={login.submittedAt} seconds={lockout} />}
            <TextInput
              label={t("login.login")}
              autoComplete="username"
              autoFocus
              {...form.getInputProps("login")}
            />
            <PasswordInput
              label={t("login.password")}
              autoComplete="current-password"
              {...form.getInputProps("password")}
            />
            <Button type="submit" loading={login.isPending} fullWidth>
              {t("login.submit")}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

/** Too many wrong passwords: how long sign-in stays refused, counting down to "try again". */
function LockoutAlert({ seconds }: { seconds: number }) {
  const { t } = useTranslation("login");
  const left = useSecondsLeft(seconds);
  return (
    <Alert color={left > 0 ? "red" : "blue"} role="alert" data-testid="login-lockout">
      {lockoutText(t, left)}
    </Alert>
  );
}

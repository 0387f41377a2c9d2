import { type AlertChannelsStatus, CHANNEL_TYPES, type ChannelType } from "@dq/shared";
import {
  ActionIcon,
  Button,
  Flex,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { blankChannel, type ChannelValue, type RuleValues, secretLost } from "./ruleValues.ts";
import { useAlertsTranslation } from "./texts.ts";

const MAX_CHANNELS = 10;
type Form = UseFormReturnType<RuleValues>;
type Path = "channels" | "escalation.channels";

/** Whether the server can deliver to a type: e-mail and Telegram need its settings. */
export const typeAvailable = (type: ChannelType, status: AlertChannelsStatus | undefined) =>
  !status || (type === "email" ? status.email : type === "telegram" ? status.telegram : true);

/**
 * The channels of a rule (or of its escalation): a row per channel — in the app, e-mail, Telegram,
 * webhook — with the fields its type needs. Types the server cannot deliver to are offered disabled.
 */
export function ChannelsEditor({
  form,
  path,
  label,
  status,
}: {
  form: Form;
  path: Path;
  label: string;
  status: AlertChannelsStatus | undefined;
}) {
  const { t } = useAlertsTranslation();
  const channels: ChannelValue[] =
    path === "channels" ? form.getValues().channels : form.getValues().escalation.channels;
  const add = () => {
    const type = (["email", "telegram", "webhook"] as const).find((x) => typeAvailable(x, status))!;
    form.insertListItem(path, blankChannel(channels.some((c) => c.type === "in_app") ? type : "in_app"));
  };
  const listError = form.errors[path];
  return (
    <Stack gap={6} data-testid={path === "channels" ? "rule-channels" : "escalation-channels"}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {channels.map((c, i) => (
        <ChannelRow
          key={c.key}
          form={form}
          path={path}
          index={i}
          channel={c}
          channels={channels}
          status={status}
        />
      ))}
      {listError && (
        <Text c="red" size="xs">
          {listError}
        </Text>
      )}
      <Group gap="xs">
        {channels.length < MAX_CHANNELS && (
          <Button size="compact-sm" variant="light" onClick={add} data-testid="channel-add">
            + {t("channelEditor.add")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function ChannelRow({
  form,
  path,
  index: i,
  channel: c,
  channels,
  status,
}: {
  form: Form;
  path: Path;
  index: number;
  channel: ChannelValue;
  channels: ChannelValue[];
  status: AlertChannelsStatus | undefined;
}) {
  const { t } = useAlertsTranslation();
  const field = (name: keyof ChannelValue) => `${path}.${i}.${name}`;
  const types = CHANNEL_TYPES.map((type) => ({
    value: type,
    label: t(`channelTypes.${type}`),
    // One banner is enough: the in-app channel once per list.
    disabled:
      type !== c.type &&
      (!typeAvailable(type, status) || (type === "in_app" && channels.some((x) => x.type === "in_app"))),
  }));
  const unavailable = !typeAvailable(c.type, status);
  return (
    <Paper withBorder p="xs" pos="relative" data-testid="channel-row" data-type={c.type}>
      {/* Side by side from Mantine's "xs" up; stacked on a phone, where the type takes the width. */}
      <Flex
        direction={{ base: "column", xs: "row" }}
        align={{ base: "stretch", xs: "flex-start" }}
        gap="xs"
        pr={40}
      >
        <Select
          w={{ base: "100%", xs: 150 }}
          label={t("channelEditor.type")}
          data={types}
          allowDeselect={false}
          value={c.type}
          onChange={(v) => v && form.setFieldValue(field("type"), v as ChannelType)}
          error={unavailable ? t("channelEditor.notConfigured") : form.errors[field("type")]}
          data-testid="channel-type"
        />
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          {c.type === "in_app" && (
            <Text size="xs" c="dimmed" pt={{ base: 0, xs: 28 }}>
              {t("channelEditor.inAppHint")}
            </Text>
          )}
          {c.type === "email" && (
            <TextInput
              label={t("channelEditor.to")}
              type="email"
              placeholder="duty@example.com"
              withAsterisk
              {...form.getInputProps(field("to"))}
            />
          )}
          {c.type === "telegram" && (
            <TextInput
              label={t("channelEditor.chatId")}
              placeholder={t("channelEditor.chatIdPlaceholder")}
              withAsterisk
              {...form.getInputProps(field("chatId"))}
            />
          )}
          {c.type === "webhook" && <WebhookFields form={form} field={field} channel={c} />}
        </Stack>
        <ActionIcon
          pos="absolute"
          top={34}
          right={8}
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={t("channelEditor.remove")}
          onClick={() => form.removeListItem(path, i)}
          data-testid="channel-remove"
        >
          ×
        </ActionIcon>
      </Flex>
    </Paper>
  );
}

/** The URL and the signing secret, which is never shown again: it can be replaced or removed. */
function WebhookFields({
  form,
  field,
  channel: c,
}: {
  form: Form;
  field: (name: keyof ChannelValue) => string;
  channel: ChannelValue;
}) {
  const { t } = useAlertsTranslation();
  const stored = c.hasSecret && !c.dropSecret;
  return (
    <>
      <TextInput
        label={t("channelEditor.url")}
        description={t("channelEditor.webhookHint")}
        placeholder="https://example.com/hooks/queue"
        withAsterisk
        {...form.getInputProps(field("url"))}
      />
      {secretLost(c) && (
        <Text size="xs" c="orange.9" fw={500} role="status" data-testid="webhook-secret-lost">
          {t("channelEditor.secretLost")}
        </Text>
      )}
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <PasswordInput
          style={{ flex: 1 }}
          label={t("channelEditor.secret")}
          description={c.dropSecret ? t("channelEditor.secretRemoved") : undefined}
          placeholder={stored ? t("channelEditor.secretStored") : t("channelEditor.secretPlaceholder")}
          autoComplete="new-password"
          {...form.getInputProps(field("secret"))}
          onChange={(e) => {
            form.setFieldValue(field("secret"), e.currentTarget.value);
            if (e.currentTarget.value) form.setFieldValue(field("dropSecret"), false);
          }}
        />
        {stored && (
          <Button
            variant="subtle"
            color="red"
            size="sm"
            onClick={() => {
              form.setFieldValue(field("secret"), "");
              form.setFieldValue(field("dropSecret"), true);
            }}
          >
            {t("channelEditor.removeSecret")}
          </Button>
        )}
      </Group>
    </>
  );
}

import { Badge, Switch, Text, TextInput, type TextProps } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useDirectoryTranslation } from "../directories/texts.ts";

// The fields and cells every directory with a name in two languages and an "active" flag repeats.

/** "Обед · Lunch": the name, then its English translation, dimmed, where there is one. */
export function TranslatedName(props: { name: string; en: string | undefined; fw?: TextProps["fw"] }) {
  return (
    <>
      {props.name}
      {props.en && (
        <Text span c="dimmed" size="sm" fw={props.fw}>
          {" "}
          · {props.en}
        </Text>
      )}
    </>
  );
}

/** "Да", or an "inactive" badge. */
export function ActiveCell({ active }: { active: boolean }) {
  const { t } = useDirectoryTranslation();
  return active ? (
    t("common.yes")
  ) : (
    <Badge miw="max-content" color="gray">
      {t("common.inactive")}
    </Badge>
  );
}

// biome-ignore lint/suspicious/noExplicitAny: any form whose values have the field
type FormWith<K extends string> = UseFormReturnType<Record<K, any>>;

/** The English name, which the body sends as `translations.en`: an error on either shows here. */
export function EnglishNameInput({ form }: { form: FormWith<"en"> }) {
  const { t } = useDirectoryTranslation();
  return (
    <TextInput
      label={t("common.nameEn")}
      {...form.getInputProps("en")}
      error={form.errors.en ?? form.errors["translations.en"]}
    />
  );
}

/** The "active" switch. */
export function ActiveSwitch({ form }: { form: FormWith<"active"> }) {
  const { t } = useDirectoryTranslation();
  return <Switch label={t("common.active")} {...form.getInputProps("active", { type: "checkbox" })} />;
}

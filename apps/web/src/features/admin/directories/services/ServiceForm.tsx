import { type Service, serviceCreateSchema } from "@dq/shared";
import {
  Alert,
  ColorInput,
  Divider,
  NumberInput,
  Select,
  SimpleGrid,
  Switch,
  Textarea,
  TextInput,
} from "@mantine/core";
import { FormModal } from "../../directory-kit/FormModal.tsx";
import { ActiveSwitch, EnglishNameInput } from "../../directory-kit/fields.tsx";
import { schemaErrors, useItemForm } from "../../directory-kit/useItemForm.ts";
import type { useDirectory } from "../../useDirectory.ts";
import { serviceTree, useDirectoryTranslation } from "../texts.ts";
import { BookingFields } from "./BookingFields.tsx";
import { RemoteJoinSwitch } from "./RemoteJoinSwitch.tsx";
import { ScheduleEditor } from "./ScheduleEditor.tsx";
import { type ServiceFormType, SWATCHES, serviceValues, toBody } from "./values.ts";

/** What the dialog is open for: a group or a service, an existing one or a new one at `parentId`. */
export type Editing = { kind: "group" | "service"; service: Service | null; parentId: string | null };

/** Groups a service or group may be put in: not itself, not anything inside it. */
function parentOptions(items: Service[], self: Service | null) {
  const rows = serviceTree(items);
  // A group's own subtree follows it in the tree order, deeper than it.
  const start = rows.findIndex((r) => r.service.id === self?.id);
  const inside = (index: number) => {
    if (!self?.isGroup || start < 0 || index < start) return false;
    if (index === start) return true;
    return rows.slice(start + 1, index + 1).every((r) => r.depth > rows[start]!.depth);
  };
  return rows
    .filter((r, i) => r.service.isGroup && !inside(i))
    .map((r) => ({ value: r.service.id, label: r.path }));
}

export function ServiceForm({
  editing,
  items,
  dir,
  onClose,
}: {
  editing: Editing;
  items: Service[];
  dir: ReturnType<typeof useDirectory<Service>>;
  onClose: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const s = editing.service;
  const isGroup = editing.kind === "group";
  const siblings = items.filter((x) => x.parentId === editing.parentId);
  const { form, dialog } = useItemForm({
    item: s,
    requests: dir,
    initialValues: serviceValues(s, editing.parentId, siblings),
    // The server's own schema, so the form refuses what the API would.
    validate: (values) => schemaErrors(serviceCreateSchema, { ...toBody(values, isGroup), isGroup }),
    body: (values) => toBody(values, isGroup),
    createBody: (values) => ({ ...toBody(values, isGroup), isGroup }),
    rename: (field) => (field.startsWith("translations") ? "en" : field),
    onClose,
  });
  const title = s
    ? t(isGroup ? "services.editGroup" : "services.editService", { name: s.name })
    : t(isGroup ? "services.newGroup" : "services.newService");
  return (
    <FormModal
      {...dialog}
      title={title}
      size={isGroup ? "md" : "xl"}
      testId={isGroup ? "group-form" : "service-form"}
      notice={form.errors.schedule && <Alert color="red">{form.errors.schedule}</Alert>}
    >
      <SimpleGrid cols={isGroup ? 1 : 2}>
        <TextInput label={t("common.name")} withAsterisk data-autofocus {...form.getInputProps("name")} />
        <EnglishNameInput form={form} />
      </SimpleGrid>
      {!isGroup && (
        <Textarea
          label={t("services.description")}
          description={t("services.descriptionHint")}
          autosize
          minRows={1}
          maxRows={4}
          {...form.getInputProps("description")}
        />
      )}
      <SimpleGrid cols={isGroup ? 1 : 2}>
        <Select
          label={t("services.parent")}
          placeholder={t("services.noParent")}
          description={t("services.parentHint")}
          data={parentOptions(items, s)}
          clearable
          searchable
          nothingFoundMessage={t("common.empty")}
          {...form.getInputProps("parentId")}
        />
        {!isGroup && (
          <TextInput
            label={t("services.prefix")}
            description={t("services.prefixHint")}
            withAsterisk
            maxLength={3}
            {...form.getInputProps("prefix")}
            onChange={(e) => form.setFieldValue("prefix", e.currentTarget.value.toUpperCase())}
          />
        )}
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <ColorInput
          label={t("services.color")}
          format="hex"
          swatches={SWATCHES}
          swatchesPerRow={8}
          {...form.getInputProps("color")}
        />
        <NumberInput
          label={t("common.sortOrder")}
          allowDecimal={false}
          {...form.getInputProps("sortOrder")}
        />
      </SimpleGrid>
      {!isGroup && <QueueFields form={form} />}
      {!isGroup && <BookingFields form={form} />}
      {!isGroup && <RemoteJoinSwitch form={form} />}
      <ActiveSwitch form={form} />
    </FormModal>
  );
}

/** A service's hours and the figures that shape its queue (a group has none). */
function QueueFields({ form }: { form: ServiceFormType }) {
  const { t } = useDirectoryTranslation();
  return (
    <>
      <Divider label={t("services.hours")} labelPosition="left" />
      <Switch
        label={t("services.alwaysOpen")}
        description={t("services.alwaysOpenHint")}
        {...form.getInputProps("alwaysOpen", { type: "checkbox" })}
      />
      {!form.getValues().alwaysOpen && <ScheduleEditor form={form} />}
      <Divider />
      <SimpleGrid cols={2}>
        <NumberInput
          label={t("services.dailyLimit")}
          description={t("services.dailyLimitHint")}
          min={1}
          max={100000}
          allowDecimal={false}
          {...form.getInputProps("dailyLimit")}
        />
        <NumberInput
          label={t("services.targetWait")}
          description={t("services.targetWaitHint")}
          min={0.5}
          max={1440}
          decimalScale={1}
          {...form.getInputProps("targetWaitMinutes")}
        />
        <NumberInput
          label={t("services.priority")}
          description={t("services.priorityHint")}
          min={-100}
          max={100}
          allowDecimal={false}
          {...form.getInputProps("priority")}
        />
        <NumberInput
          label={t("services.expected")}
          description={t("services.expectedHint")}
          min={0.5}
          max={480}
          decimalScale={1}
          {...form.getInputProps("expectedServiceMinutes")}
        />
      </SimpleGrid>
    </>
  );
}

import { type Branch, branchPatchSchema, branchSchema } from "@dq/shared";
import { type UseFormReturnType, useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { api } from "../../../app/api.ts";
import { showFieldErrors, useDirectoryTranslation } from "../directories/texts.ts";
import { zodValidate } from "../form.ts";
import { formField, initialValues, toBody, type Values } from "./settingsValues.ts";

export type SettingsFormType = UseFormReturnType<Values>;

/**
 * The settings form, checked against the API's own schema, and its save; `saved` says the last
 * save went through and nothing has been changed since.
 */
export function useSettingsForm(branch: Branch) {
  const { t } = useDirectoryTranslation();
  const client = useQueryClient();
  const [saved, setSaved] = useState(false);
  // What the server has as far as this page knows: the remote join settings send only their changes.
  const savedValues = useRef(initialValues(branch));
  const form = useForm<Values>({
    initialValues: initialValues(branch),
    validate: (values) => {
      const errors: Record<string, string> = {};
      for (const [k, v] of Object.entries(zodValidate(branchPatchSchema)(toBody(values)))) {
        errors[formField(k)] ??= v;
      }
      // Kiosks start in the default language, so it must be one they offer.
      if (values.languages.length && !values.languages.includes(values.defaultLanguage)) {
        errors.defaultLanguage ??= t("settings.defaultNotOffered");
      }
      return errors;
    },
    onValuesChange: () => setSaved(false),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      api.patch("/api/v1/branch", toBody(values, savedValues.current), branchSchema),
    onSuccess: (data) => {
      savedValues.current = initialValues(data);
      client.setQueryData(["branch"], data);
      setSaved(true);
    },
    onError: (error) => showFieldErrors(form, error, formField),
  });
  return { form, save, saved };
}

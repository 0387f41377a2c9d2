import "@mantine/dates/styles.css";
import "dayjs/locale/ru";
import { DatePickerInput, DatesProvider } from "@mantine/dates";
import { useTranslation } from "react-i18next";
import { dayFormatOf } from "./day-format.ts";

/**
 * A calendar day (YYYY-MM-DD, as the API takes it) chosen from a calendar and written in the UI
 * language's format, whatever the browser's own locale (a native date input follows the browser,
 * and shows 11/26/2026 inside the Russian UI). Weeks start on Monday, month and day names follow
 * the UI language.
 */
export function DayField(props: {
  label: string;
  value: string | null;
  onChange: (day: string | null) => void;
  clearable?: boolean;
  maxDate?: string;
  minDate?: string;
  w?: React.ComponentProps<typeof DatePickerInput>["w"];
  "data-testid"?: string;
}) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return (
    <DatesProvider settings={{ locale: language, firstDayOfWeek: 1 }}>
      <DatePickerInput
        label={props.label}
        value={props.value || null}
        onChange={(day) => props.onChange(day || null)}
        valueFormat={dayFormatOf(language)}
        clearable={props.clearable}
        maxDate={props.maxDate}
        minDate={props.minDate}
        w={props.w}
        data-testid={props["data-testid"]}
        popoverProps={{ withinPortal: true }}
      />
    </DatesProvider>
  );
}

import { branchPatchSchema, branchSchema } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { formField, initialValues, toBody } from "../src/features/admin/settings/settingsValues.ts";

const branch = (settings: Record<string, unknown>) =>
  branchSchema.parse({ id: "1", name: "Касса", timezone: "Europe/Moscow", settings });

describe("office settings form: appointments", () => {
  it("starts with no office hours, no blackout days and the 5-minute target, and saves them so", () => {
    const values = initialValues(branch({}));
    expect([values.openingHoursOn, values.blackoutDays, values.appointmentTargetWaitMinutes]).toEqual([
      false,
      [],
      5,
    ]);
    const body = toBody(values);
    expect(body.settings.openingHours).toBeNull();
    expect(body.settings.bookingBlackoutDays).toEqual([]);
    expect(body.settings.appointmentTargetWaitMinutes).toBe(5);
    expect(branchPatchSchema.safeParse(body).success).toBe(true);
  });

  it("edits the office's week, its blackout days in order and the target", () => {
    const values = initialValues(
      branch({
        openingHours: { mon: [{ from: "09:00", to: "13:00" }], sat: [] },
        bookingBlackoutDays: ["2027-01-01"],
      }),
    );
    expect(values.openingHoursOn).toBe(true);
    expect(values.schedule.mon).toEqual([{ from: "09:00", to: "13:00" }]);
    expect(values.schedule.tue).toEqual([]);
    const body = toBody({
      ...values,
      schedule: { ...values.schedule, tue: [{ from: "10:00", to: "12:00" }] },
      blackoutDays: ["2027-01-07", "2027-01-01"],
      appointmentTargetWaitMinutes: "7",
    });
    expect(body.settings.openingHours).toEqual({
      mon: [{ from: "09:00", to: "13:00" }],
      tue: [{ from: "10:00", to: "12:00" }],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    });
    expect(body.settings.bookingBlackoutDays).toEqual(["2027-01-01", "2027-01-07"]);
    expect(body.settings.appointmentTargetWaitMinutes).toBe(7);
  });

  it("shows the server's errors on the week's intervals and the other fields", () => {
    expect(formField("settings.openingHours.mon.0.to")).toBe("schedule.mon.0.to");
    expect(formField("settings.bookingBlackoutDays.2")).toBe("blackoutDays");
    expect(formField("settings.appointmentTargetWaitMinutes")).toBe("appointmentTargetWaitMinutes");
  });
});

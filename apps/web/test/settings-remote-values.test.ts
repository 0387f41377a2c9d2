import { branchPatchSchema, branchSchema } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { formField, initialValues, toBody } from "../src/features/admin/settings/settingsValues.ts";

const branch = (settings: Record<string, unknown>) =>
  branchSchema.parse({ id: "1", name: "Касса", timezone: "Europe/Moscow", settings });

describe("office settings form: remote join and visitor notifications", () => {
  it("starts from the defaults and, unchanged, sends neither object", () => {
    const values = initialValues(branch({}));
    expect(values.remoteJoin).toEqual({
      enabled: true,
      perPhoneDaily: 2,
      perBrowserDaily: 3,
      maxSharePercent: 50,
      refuseAfterClosing: true,
      arrivalCheckIn: false,
      geofenceOn: false,
      latitude: "",
      longitude: "",
      radiusMeters: 150,
      postponeMaxTimes: 2,
      postponeMaxPlaces: 5,
    });
    expect(values.visitorNotifications).toEqual({
      approachingAhead: 3,
      approachingMinutes: 10,
      retentionDays: 30,
    });
    const body = toBody(values, values);
    expect("remoteJoin" in body.settings).toBe(false);
    expect("visitorNotifications" in body.settings).toBe(false);
  });

  it("sends only the fields changed since the last save, typed text as numbers", () => {
    const saved = initialValues(branch({}));
    const body = toBody(
      {
        ...saved,
        remoteJoin: { ...saved.remoteJoin, perPhoneDaily: "4", arrivalCheckIn: true },
        visitorNotifications: { ...saved.visitorNotifications, retentionDays: 7 },
      },
      saved,
    );
    expect(body.settings.remoteJoin).toEqual({ perPhoneDaily: 4, arrivalCheckIn: true });
    expect(body.settings.visitorNotifications).toEqual({ retentionDays: 7 });
    expect(branchPatchSchema.safeParse(body).success).toBe(true);
  });

  it("sends the geofence whole when any part of it changed, and null when switched off", () => {
    const saved = initialValues(
      branch({ remoteJoin: { geofence: { latitude: 55.75, longitude: 37.62, radiusMeters: 200 } } }),
    );
    expect(saved.remoteJoin).toMatchObject({
      geofenceOn: true,
      latitude: 55.75,
      longitude: 37.62,
      radiusMeters: 200,
    });
    const moved = toBody({ ...saved, remoteJoin: { ...saved.remoteJoin, radiusMeters: 300 } }, saved);
    expect(moved.settings.remoteJoin).toEqual({
      geofence: { latitude: 55.75, longitude: 37.62, radiusMeters: 300 },
    });
    const off = toBody({ ...saved, remoteJoin: { ...saved.remoteJoin, geofenceOn: false } }, saved);
    expect(off.settings.remoteJoin).toEqual({ geofence: null });
  });

  it("names the field of each problem, the geofence's parts included", () => {
    const values = initialValues(branch({}));
    const body = toBody({
      ...values,
      remoteJoin: { ...values.remoteJoin, geofenceOn: true, latitude: 91, maxSharePercent: 0 },
      visitorNotifications: { ...values.visitorNotifications, approachingMinutes: "" },
    });
    const issues = branchPatchSchema.safeParse(body).error?.issues ?? [];
    const fields = [...new Set(issues.map((i) => formField(i.path.join("."))))].sort();
    expect(fields).toEqual([
      "remoteJoin.latitude",
      "remoteJoin.longitude",
      "remoteJoin.maxSharePercent",
      "visitorNotifications.approachingMinutes",
    ]);
    expect(formField("settings.remoteJoin.geofence")).toBe("remoteJoin.latitude");
    expect(formField("settings.remoteJoin.geofence.radiusMeters")).toBe("remoteJoin.radiusMeters");
  });
});

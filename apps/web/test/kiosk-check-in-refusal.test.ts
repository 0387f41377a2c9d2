import { describe, expect, it, vi } from "vitest";

// The texts register themselves with the app's i18n, which needs a browser; here they are only read.
const registered = vi.hoisted(() => new Map<string, { ru: unknown; en: unknown }[]>());
vi.mock("../src/app/i18n.ts", () => ({
  LANGUAGES: ["ru", "en"],
  addTranslations: (ns: string, messages: { ru: unknown; en: unknown }) =>
    registered.set(ns, [...(registered.get(ns) ?? []), messages]),
  setLanguage: () => {},
}));
const { ApiError } = await import("../src/app/api.ts");
const { checkInRefusal } = await import("../src/features/kiosk/use-check-in.ts");
type CheckinTexts = { checkin: Record<string, string> };
const checkin = registered.get("surfaces")!.find((m) => "checkin" in (m.ru as object)) as {
  ru: CheckinTexts;
  en: CheckinTexts;
};

/** A format that answers each text by its key, to see which one the screen shows. */
const f = { t: (key: string) => key, clock: () => "", day: () => "" } as unknown as Parameters<
  typeof checkInRefusal
>[0];

describe("the kiosk refuses a check-in", () => {
  it("after the visit is over: «По этой записи визит уже завершён» and take a regular ticket", () => {
    const error = new ApiError(
      409,
      "appointment_used",
      "this appointment's visit is over: its ticket is served",
      {
        ticketStatus: "served",
      },
    );
    expect(checkInRefusal(f, error, "k7qm4xpa", "Europe/Moscow")).toEqual({
      name: "failed",
      title: "checkin.failedTitle",
      message: "checkin.visitOver",
    });
    expect(checkin.ru.checkin.visitOver).toBe(
      "По этой записи визит уже завершён. Чтобы встать в очередь снова, возьмите обычный талон.",
    );
    expect(checkin.en.checkin.visitOver).toBe(
      "This appointment's visit is over. To join the queue again, please take a regular ticket.",
    );
  });

  it("a cancelled appointment and an unknown code keep their own answers", () => {
    expect(
      checkInRefusal(f, new ApiError(409, "appointment_cancelled", ""), "k7qm4xpa", "UTC"),
    ).toMatchObject({
      message: "checkin.cancelled",
    });
    expect(checkInRefusal(f, new ApiError(404, "not_found", ""), "k7qm4xpa", "UTC")).toEqual({
      name: "checkin",
      code: "k7qm4xpa",
      error: "checkin.notFound",
    });
  });
});

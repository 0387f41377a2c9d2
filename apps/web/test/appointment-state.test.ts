import { describe, expect, it, vi } from "vitest";
import { appointmentState, canBookAgain } from "../src/features/booking/appointment-state.ts";

// The texts register themselves with the app's i18n, which needs a browser; here they are only read.
const registered = vi.hoisted(() => new Map<string, { ru: unknown; en: unknown }>());
vi.mock("../src/app/i18n.ts", () => ({
  addTranslations: (ns: string, messages: { ru: unknown; en: unknown }) => registered.set(ns, messages),
}));
await import("../src/features/booking/texts.ts");
type BookingTexts = { appointment: { status: Record<string, string> } };
const { ru, en } = registered.get("booking") as { ru: BookingTexts; en: BookingTexts };

describe("what /b/<code> says of an appointment", () => {
  it("checked in: what became of its ticket", () => {
    const checkedIn = (ticketStatus: Parameters<typeof appointmentState>[0]["ticketStatus"]) =>
      appointmentState({ status: "checked_in", ticketStatus });
    expect(["waiting", "called", "serving"].map((s) => checkedIn(s as "waiting"))).toEqual([
      "in_queue",
      "in_queue",
      "in_queue",
    ]);
    expect(checkedIn("served")).toBe("served");
    expect(checkedIn("cancelled")).toBe("ticket_cancelled");
    expect(checkedIn("no_show")).toBe("ticket_no_show");
    expect(appointmentState({ status: "booked", ticketStatus: null })).toBe("booked");
    expect(appointmentState({ status: "cancelled", ticketStatus: null })).toBe("cancelled");
  });

  it("offers to book again once nothing more will come of it", () => {
    expect(
      (
        [
          "booked",
          "in_queue",
          "served",
          "ticket_cancelled",
          "ticket_no_show",
          "cancelled",
          "no_show",
        ] as const
      ).filter(canBookAgain),
    ).toEqual(["ticket_cancelled", "ticket_no_show", "cancelled", "no_show"]);
  });

  it("names each state in both languages", () => {
    expect(ru.appointment.status).toEqual({
      booked: "Запись активна",
      in_queue: "Вы отметились",
      served: "Визит завершён",
      ticket_cancelled: "Талон отменён",
      ticket_no_show: "Вы не подошли к окну",
      cancelled: "Запись отменена",
      no_show: "Вы не отметились вовремя",
    });
    expect(Object.keys(en.appointment.status)).toEqual(Object.keys(ru.appointment.status));
    expect(en.appointment.status.served).toBe("Visit over");
  });
});

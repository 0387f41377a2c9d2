import type { PublicTicket } from "@dq/shared";
import { describe, expect, it, vi } from "vitest";
import { joinService } from "./join-service.ts";

// The pages' modules reach the app's i18n, which needs a browser; here nothing is rendered.
vi.mock("../src/app/i18n.ts", () => ({ LANGUAGES: ["ru", "en"], addTranslations: () => {} }));
const { linkedService, servicesUnder } = await import("../src/features/join/service-tree.ts");
const { liveTickets, storedOfOffice } = await import("../src/features/join/active-tickets.ts");
const { locate } = await import("../src/features/track/locate.ts");

const s = joinService;

describe("/join?service=<id>", () => {
  // A nested group listed after its own service: the order of the office is kept all the same.
  const services = [s("g", null, true), s("a", "g"), s("x", "inner"), s("inner", "g", true), s("top", null)];

  it("a service opens its form", () => {
    expect(linkedService(services, "a")).toEqual({ kind: "service", service: services[1] });
  });

  it("a group lists everything under it, nested groups' services too, in the office's order", () => {
    const linked = linkedService(services, "g");
    expect(linked.kind).toBe("group");
    if (linked.kind !== "group") return;
    expect(linked.group.id).toBe("g");
    expect(linked.services.map((x) => x.id)).toEqual(["a", "x", "inner"]);
    expect(servicesUnder(services, "inner").map((x) => x.id)).toEqual(["x"]);
    expect(servicesUnder(services, "top")).toEqual([]);
  });

  it("an id the office does not have is named unknown; no id is none", () => {
    expect(linkedService(services, "999")).toEqual({ kind: "unknown" });
    expect(linkedService(services, null)).toEqual({ kind: "none" });
    expect(linkedService(services, "")).toEqual({ kind: "none" });
  });

  it("a group that contains itself (bad data) does not loop", () => {
    expect(servicesUnder([s("g", "g", true), s("a", "g")], "g").map((x) => x.id)).toEqual(["a"]);
  });
});

describe("the live tickets /join offers to open", () => {
  const ticket = (code: string, status: PublicTicket["status"], branchId = "1") =>
    ({ code, label: code, status, branchId }) as PublicTicket;

  it("reads only this office's stored tickets", () => {
    const stored = [
      { code: "A", branchId: "1", savedAt: 2 },
      { code: "B", branchId: "2", savedAt: 1 },
    ];
    expect(storedOfOffice(stored, "1")).toEqual([stored[0]]);
  });

  it("keeps waiting, called and serving ones of this office, in order; drops finished, gone and others'", () => {
    const read = [
      ticket("W", "waiting"),
      null,
      ticket("C", "called"),
      ticket("S", "serving"),
      ticket("D", "served"),
      ticket("N", "no_show"),
      ticket("X", "cancelled"),
      ticket("O", "waiting", "2"),
    ];
    expect(liveTickets(read, "1").map((t) => t.code)).toEqual(["W", "C", "S"]);
  });
});

describe("«Я на месте» asks for the phone's position", () => {
  it("fresh every time (a retry after a refusal must not resend a cached one), with a timeout", async () => {
    const asked: PositionOptions[] = [];
    let n = 0;
    const geolocation = {
      getCurrentPosition: (
        ok: PositionCallback,
        _fail?: PositionErrorCallback | null,
        o?: PositionOptions,
      ) => {
        asked.push(o!);
        n += 1;
        ok({ coords: { latitude: n, longitude: n, accuracy: 10 } } as GeolocationPosition);
      },
    };
    expect((await locate(geolocation)).coords.latitude).toBe(1);
    expect((await locate(geolocation)).coords.latitude).toBe(2);
    expect(asked).toEqual([
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 },
    ]);
  });

  it("refuses with the browser's error code, or 2 where there is no geolocation", async () => {
    const denied = {
      getCurrentPosition: (_ok: PositionCallback, fail?: PositionErrorCallback | null) =>
        fail!({ code: 1 } as GeolocationPositionError),
    };
    await expect(locate(denied)).rejects.toEqual({ code: 1 });
    await expect(locate(undefined)).rejects.toEqual({ code: 2 });
  });
});

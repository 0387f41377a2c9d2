import { fieldIssueCode, subscriptionCreateSchema } from "@dq/shared";
import { describe, expect, it, vi } from "vitest";
import { joinService } from "./join-service.ts";

// The texts register themselves with the app's i18n, which needs a browser; here they are only read.
const registered = vi.hoisted(() => new Map<string, { ru: unknown; en: unknown }>());
vi.mock("../src/app/i18n.ts", () => ({
  LANGUAGES: ["ru", "en"],
  addTranslations: (ns: string, messages: { ru: unknown; en: unknown }) => registered.set(ns, messages),
}));
const { ApiError } = await import("../src/app/api.ts");
const { browserId, newJoinKey } = await import("../src/features/join/browser-id.ts");
const { joinFailure } = await import("../src/features/join/join-errors.ts");
const { reasonText } = await import("../src/features/join/reason.ts");
const { serviceTree } = await import("../src/features/join/service-tree.ts");
const { myTickets, rememberTicket } = await import("../src/features/track/my-tickets.ts");
const { base64UrlToBytes } = await import("../src/features/track/push.ts");
const { arrivalRefusal, postponeFailureKey, subscribeFailureKey } = await import(
  "../src/features/track/visitor-refusals.ts"
);
await import("../src/features/join/texts.ts");
await import("../src/features/track/visitor-texts.ts");

/** A Storage in memory (localStorage is the browser's). */
function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe("the browser's id for the per-browser cap", () => {
  it("is made once and kept", () => {
    const storage = memoryStorage();
    const first = browserId(storage);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(browserId(storage)).toBe(first);
    expect(storage.data.get("dq.browserId")).toBe(first);
  });

  it("replaces a stored value the server would refuse, and is null where nothing can be kept", () => {
    const storage = memoryStorage({ "dq.browserId": "short" });
    expect(browserId(storage)).toMatch(/^[0-9a-f]{32}$/);
    const blocked = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {},
    };
    expect(browserId(blocked)).toBeNull();
    expect(browserId(undefined)).toBeNull();
  });

  it("differs between attempts' Idempotency-Keys", () => {
    expect(newJoinKey()).toMatch(/^join-[0-9a-f]{32}$/);
    expect(newJoinKey()).not.toBe(newJoinKey());
  });
});

describe("the tickets kept in this browser for the door's QR page", () => {
  const now = Date.parse("2026-12-07T10:00:00Z");

  it("keeps a ticket once, newest first", () => {
    const s = memoryStorage();
    rememberTicket({ code: "AAAA1111", branchId: "1" }, now - 60_000, s);
    rememberTicket({ code: "BBBB2222", branchId: "1" }, now, s);
    rememberTicket({ code: "AAAA1111", branchId: "1" }, now, s);
    expect(myTickets(now, s)).toEqual([
      { code: "BBBB2222", branchId: "1", savedAt: now },
      { code: "AAAA1111", branchId: "1", savedAt: now - 60_000 },
    ]);
  });

  it("forgets tickets older than a day and a half, and at most 20 are kept", () => {
    const s = memoryStorage();
    rememberTicket({ code: "OLD00000", branchId: "1" }, now - 37 * 3600_000, s);
    expect(myTickets(now, s)).toEqual([]);
    for (let i = 0; i < 25; i++)
      rememberTicket({ code: `T${String(i).padStart(7, "0")}`, branchId: "1" }, now + i, s);
    const kept = myTickets(now + 25, s);
    expect(kept).toHaveLength(20);
    expect(kept[0]!.code).toBe("T0000024");
    expect(kept[19]!.code).toBe("T0000005");
  });

  it("reads nothing from a damaged entry", () => {
    expect(myTickets(now, memoryStorage({ "dq.myTickets": "{oops" }))).toEqual([]);
    expect(myTickets(now, memoryStorage({ "dq.myTickets": '[{"code":1}]' }))).toEqual([]);
  });
});

describe("why joining failed", () => {
  const reason = {
    reason: {
      ru: "Сегодня с этого телефона уже взято 2 талона",
      en: "This phone already took 2 tickets today",
    },
  };

  it("gives a 409's own reason in the page's language", () => {
    const error = new ApiError(409, "phone_daily_limit", "limit", reason);
    expect(joinFailure(error, "ru")).toEqual({
      kind: "reason",
      text: reason.reason.ru,
      code: "phone_daily_limit",
    });
    expect(joinFailure(error, "en")).toEqual({
      kind: "reason",
      text: reason.reason.en,
      code: "phone_daily_limit",
    });
  });

  it("names a closed service as the kiosk does, marks fields, and counts down a rate limit", () => {
    expect(joinFailure(new ApiError(422, "service_closed", "closed"), "ru")).toEqual({
      kind: "message",
      text: "closed",
    });
    expect(joinFailure(new ApiError(422, "daily_limit_reached", "x"), "ru")).toEqual({
      kind: "message",
      text: "limitReached",
    });
    const phone = { field: "phone", code: "phone", message: "must be a phone number" };
    expect(joinFailure(new ApiError(400, "validation_error", "bad", [phone]), "ru")).toEqual({
      kind: "fields",
      fields: { phone },
    });
    expect(joinFailure(new ApiError(429, "rate_limited", "x", undefined, 7), "ru")).toEqual({
      kind: "message",
      text: "rateLimited",
      count: 7,
    });
  });

  it("says «no connection» for an unreachable server, not an error", () => {
    expect(joinFailure(new ApiError(0, "network", "x"), "ru")).toEqual({ kind: "message", text: "network" });
    expect(joinFailure(new ApiError(500, "internal", "x"), "ru")).toEqual({
      kind: "message",
      text: "generic",
    });
  });

  it("reads a reason only where it is a pair of strings", () => {
    expect(reasonText({ reason: { ru: "закрыто", en: "closed" } }, "en")).toBe("closed");
    expect(reasonText({ reason: { ru: "закрыто" } }, "en")).toBe("закрыто");
    expect(reasonText({ reason: "closed" }, "ru")).toBeNull();
    expect(reasonText(null, "ru")).toBeNull();
  });
});

describe("the /join service list", () => {
  const s = joinService;

  it("puts each group's services under it, in the office's order, and keeps orphans", () => {
    const tree = serviceTree([s("g", null, true), s("a", "g"), s("top", null), s("b", "g"), s("lost", "99")]);
    expect(tree.map((n) => `${n.depth}:${n.service.id}`)).toEqual(["0:g", "1:a", "1:b", "0:top", "0:lost"]);
  });
});

describe("refusals on the tracking page", () => {
  it("postpone: the limit, a ticket no longer waiting, too many places", () => {
    expect(postponeFailureKey(new ApiError(409, "postpone_limit_reached", "x"))).toBe("limit");
    expect(postponeFailureKey(new ApiError(409, "not_waiting", "x"))).toBe("notWaiting");
    expect(postponeFailureKey(new ApiError(400, "validation_error", "x"))).toBe("tooFar");
    expect(postponeFailureKey(new ApiError(0, "network", "x"))).toBe("failed");
  });

  it("arrival: the distance outside the geofence, the QR code offered", () => {
    expect(
      arrivalRefusal(new ApiError(409, "outside_geofence", "x", { distanceMeters: 812.4 }), "ru"),
    ).toEqual({
      words: null,
      key: "outside",
      count: 812,
      qr: true,
    });
    expect(arrivalRefusal(new ApiError(0, "network", "x"), "ru")).toEqual({
      words: null,
      key: "failed",
      qr: false,
    });
    expect(
      arrivalRefusal(
        new ApiError(409, "no_geofence", "x", { reason: { ru: "Только по QR", en: "QR only" } }),
        "en",
      ),
    ).toEqual({ words: "QR only", key: "notInOffice", qr: true });
  });
});

describe("why subscribing failed", () => {
  it("names the server's refusals, and a lost connection apart", () => {
    expect(subscribeFailureKey(new ApiError(409, "too_many_subscriptions", "x"))).toBe("tooMany");
    expect(subscribeFailureKey(new ApiError(409, "ticket_finished", "x"))).toBe("finished");
    expect(subscribeFailureKey(new ApiError(409, "channel_unavailable", "x"))).toBe("unavailable");
    expect(subscribeFailureKey(new ApiError(0, "network", "x"))).toBe("network");
    expect(subscribeFailureKey(new ApiError(500, "internal", "x"))).toBe("failed");
  });
});

describe("Web Push", () => {
  it("turns the base64url VAPID key into the bytes PushManager wants", () => {
    expect([...base64UrlToBytes("AQID_-8")]).toEqual([1, 2, 3, 255, 239]);
    const key = `B${"A".repeat(86)}`;
    expect(base64UrlToBytes(key)).toHaveLength(65);
  });
});

describe("the SMS form's check", () => {
  it("asks for the consent with its own words", () => {
    const parsed = subscriptionCreateSchema.safeParse({ channel: "sms", phone: "+79123456789" });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0]!;
    expect(issue.path).toEqual(["consent"]);
    expect(fieldIssueCode(issue).code).toBe("consentRequired");
  });
});

describe("the visitor pages' texts", () => {
  type Tree = { [k: string]: string | Tree };
  const keys = (t: Tree, prefix = ""): string[] =>
    Object.entries(t).flatMap(([k, v]) =>
      typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
    );

  it("are complete in both languages", () => {
    for (const ns of ["join", "trackVisitor"]) {
      const { ru, en } = registered.get(ns) as { ru: Tree; en: Tree };
      expect(keys(en)).toEqual(keys(ru));
      const empty = (t: Tree): string[] =>
        keys(t).filter((k) => !k.split(".").reduce<unknown>((o, p) => (o as Tree)[p], t));
      expect(empty(ru)).toEqual([]);
      expect(empty(en)).toEqual([]);
    }
    const join = registered.get("join") as { ru: { smsConsent: string }; en: { smsConsent: string } };
    expect(join.ru.smsConsent).toBe("Сохранить номер для SMS-уведомлений об этом талоне");
  });
});

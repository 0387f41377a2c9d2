import type { AlertRule } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { bannerOrder, withAlert, withoutAlert } from "../src/features/admin/alerts/bannerList.ts";
import {
  blankChannel,
  type RuleValues,
  ruleBody,
  rulePatch,
  ruleValues,
  secretLost,
} from "../src/features/admin/alerts/ruleValues.ts";

const HOOK = "https://hooks.example/queue";

const rule = (over: Partial<AlertRule> = {}): AlertRule => ({
  id: "5",
  name: "Долгое ожидание",
  kind: "wait_time",
  serviceId: "7",
  threshold: 10,
  channels: [{ type: "in_app" }, { type: "webhook", url: HOOK, hasSecret: true }],
  cooldownMinutes: 15,
  escalation: null,
  active: true,
  createdAt: "2026-01-01T10:00:00Z",
  updatedAt: "2026-01-01T10:00:00Z",
  ...over,
});

/** The form's values after an edit, the loaded ones left untouched. */
function edited(initial: RuleValues, edit: (v: RuleValues) => void): RuleValues {
  const values = structuredClone(initial);
  edit(values);
  return values;
}

describe("a rule's change sends only what changed", () => {
  const initial = ruleValues(rule());

  it("sends nothing when nothing changed, and a bare field when only it did", () => {
    expect(
      rulePatch(
        initial,
        edited(initial, () => {}),
      ),
    ).toEqual({});
    expect(
      rulePatch(
        initial,
        edited(initial, (v) => (v.active = false)),
      ),
    ).toEqual({ active: false });
    // Renamed: the archived service and the channels are not sent, so the server does not check them.
    expect(
      rulePatch(
        initial,
        edited(initial, (v) => (v.name = "  Очередь  ")),
      ),
    ).toEqual({ name: "Очередь" });
    // Typed as text, the same number is no change.
    expect(
      rulePatch(
        initial,
        edited(initial, (v) => (v.threshold = "10")),
      ),
    ).toEqual({});
    expect(
      rulePatch(
        initial,
        edited(initial, (v) => (v.threshold = "1.5")),
      ),
    ).toEqual({ threshold: 1.5 });
  });

  it("keeps a stored secret: channels without `secret` when another channel changes", () => {
    const patch = rulePatch(
      initial,
      edited(initial, (v) => {
        v.channels.push({ ...blankChannel("telegram"), chatId: " @office " });
      }),
    );
    expect(patch).toEqual({
      channels: [{ type: "in_app" }, { type: "webhook", url: HOOK }, { type: "telegram", chatId: "@office" }],
    });
  });

  it("replaces or removes a stored secret", () => {
    const replaced = edited(initial, (v) => (v.channels[1]!.secret = "new-secret"));
    expect(rulePatch(initial, replaced)).toEqual({
      channels: [{ type: "in_app" }, { type: "webhook", url: HOOK, secret: "new-secret" }],
    });
    const removed = edited(initial, (v) => (v.channels[1]!.dropSecret = true));
    expect(rulePatch(initial, removed)).toEqual({
      channels: [{ type: "in_app" }, { type: "webhook", url: HOOK, secret: "" }],
    });
    expect(secretLost(replaced.channels[1]!)).toBe(false);
    expect(secretLost(removed.channels[1]!)).toBe(false);
  });

  it("warns when a new address would leave the webhook unsigned", () => {
    expect(secretLost(initial.channels[1]!)).toBe(false);
    const moved = edited(initial, (v) => (v.channels[1]!.url = "https://hooks.example/other"));
    expect(secretLost(moved.channels[1]!)).toBe(true);
    // The server keeps a secret only for the same address: this one goes without.
    expect(rulePatch(initial, moved)).toEqual({
      channels: [{ type: "in_app" }, { type: "webhook", url: "https://hooks.example/other" }],
    });
    // Typed again, the secret goes with the new address; back at the old address, nothing is lost.
    expect(secretLost({ ...moved.channels[1]!, secret: "again" })).toBe(false);
    expect(secretLost({ ...moved.channels[1]!, url: ` ${HOOK} ` })).toBe(false);
    // A webhook without a secret has nothing to lose.
    expect(secretLost({ ...blankChannel("webhook"), url: HOOK })).toBe(false);
  });

  it("sends the escalation whole when it changes, null when it is switched off", () => {
    const on = edited(initial, (v) => {
      v.escalate = true;
      v.escalation = { afterMinutes: "5", channels: [{ ...blankChannel("webhook"), url: `${HOOK}/esc` }] };
    });
    expect(rulePatch(initial, on)).toEqual({
      escalation: { afterMinutes: 5, channels: [{ type: "webhook", url: `${HOOK}/esc` }] },
    });
    const escalating = ruleValues(
      rule({
        escalation: { afterMinutes: 5, channels: [{ type: "in_app" }] },
        channels: [{ type: "in_app" }],
      }),
    );
    expect(
      rulePatch(
        escalating,
        edited(escalating, (v) => (v.escalate = false)),
      ),
    ).toEqual({ escalation: null });
  });

  it("a new rule sends every field", () => {
    expect(Object.keys(ruleBody(ruleValues(null))).sort()).toEqual(
      [
        "active",
        "channels",
        "cooldownMinutes",
        "escalation",
        "kind",
        "name",
        "serviceId",
        "threshold",
      ].sort(),
    );
  });
});

describe("the banner's list", () => {
  const a = (id: string, openedAt: string, escalatedAt: string | null = null) =>
    ({ id, openedAt, escalatedAt }) as Parameters<typeof withAlert>[1];

  it("counts what it adds and removes; a known alert is replaced, not added", () => {
    const list = { items: [a("1", "2026-01-01T10:00:00Z")], total: 60 };
    const added = withAlert(list, a("2", "2026-01-01T10:05:00Z"));
    expect(added.items.map((x) => x.id)).toEqual(["2", "1"]);
    expect(added.total).toBe(61);
    expect(withAlert(added, a("1", "2026-01-01T10:00:00Z", "2026-01-01T10:20:00Z")).total).toBe(61);
    expect(withoutAlert(added, "1")).toMatchObject({ total: 60 });
    expect(withoutAlert(added, "9")).toMatchObject({ total: 61 });
  });

  it("shows escalated alerts first, then the newest", () => {
    const order = bannerOrder([
      a("new", "2026-01-01T10:30:00Z"),
      a("old", "2026-01-01T10:00:00Z"),
      a("escalated", "2026-01-01T09:00:00Z", "2026-01-01T09:10:00Z"),
    ]);
    expect(order.map((x) => x.id)).toEqual(["escalated", "new", "old"]);
  });
});

import { describe, expect, it } from "vitest";
import type { App } from "../../src/http/types.ts";
import { deliverDue } from "../../src/modules/alerts/delivery.ts";
import { alertRound } from "../../src/modules/alerts/job.ts";
import { lockBranchAlerts } from "../../src/modules/alerts/lock.ts";
import { issue, type Office, setUpTwoInstances, takeWorkstation } from "../helpers/office.ts";
import type { Receivers } from "../helpers/receivers.ts";
import { TestClock, type TestContext } from "../helpers/test-app.ts";

/** PostgreSQL only: two app instances on one database each run the alert job, as in production. */
let ctx: TestContext;
let office: Office;
let second: App;
let rx: Receivers;
const clock = new TestClock();

setUpTwoInstances(
  (r) => ({
    clock,
    config: {
      alerts: { intervalSeconds: 15, smtp: { url: r.smtp.url, from: "dq@office.test" }, telegram: null },
    },
  }),
  (made) => {
    ({ ctx, office, second, rx } = made);
  },
);

const round = (app: App) => alertRound(app.deps, app.deps.senders, app.log);
/** Both instances, each twice, all at once: what two timers firing together amount to. */
const bothRounds = () => Promise.all([round(ctx.app), round(second), round(ctx.app), round(second)]);

describe("alerts with two instances on one PostgreSQL", () => {
  it("evaluate in one of them at a time and deliver each message once", async () => {
    const rule = await ctx.request("POST", "/api/v1/alert-rules", {
      cookie: ctx.adminCookie,
      body: {
        kind: "wait_time",
        threshold: 2,
        channels: [
          { type: "email", to: "duty@office.test" },
          { type: "webhook", url: rx.webhook.url },
        ],
        cooldownMinutes: 30,
      },
    });
    expect(rule.status).toBe(201);
    await issue(ctx, office, office.services.buy);
    clock.advance(121);
    const results = await bothRounds();
    // Whoever ran first opened it; the others skipped (lock taken) or found it already open.
    expect(results.reduce((n, r) => n + r.evaluation.opened, 0)).toBe(1);
    expect(results.reduce((n, r) => n + r.delivery.sent, 0)).toBe(2);
    for (let i = 0; i < 5; i++) {
      clock.advance(15);
      await bothRounds();
    }
    expect(rx.smtp.messages).toHaveLength(1);
    expect(rx.webhook.received).toHaveLength(1);
    const alerts = await ctx.database.db.selectFrom("alerts").select(["status"]).execute();
    expect(alerts).toEqual([{ status: "open" }]);

    await takeWorkstation(ctx, office.operators.anna.cookie, office.workstations.w1);
    await ctx.request("POST", "/api/v1/operator/call-next", { cookie: office.operators.anna.cookie });
    const closing = await bothRounds();
    expect(closing.reduce((n, r) => n + r.evaluation.resolved, 0)).toBe(1);
    await bothRounds();
    expect(rx.smtp.messages.map((m) => m.subject)).toEqual([
      "Долгое ожидание: «Купить билет»",
      "Решено: Долгое ожидание: «Купить билет»",
    ]);
    expect(rx.webhook.received.map((r) => JSON.parse(r.body).event)).toEqual([
      "alert.opened",
      "alert.resolved",
    ]);
  });

  it("skip an office whose alerts another instance is deciding, and make acknowledging wait for it", async () => {
    const branch = await ctx.database.db.selectFrom("branches").select("id").executeTakeFirstOrThrow();
    const [alert] = await ctx.database.db.selectFrom("alerts").select("id").execute();
    let release!: () => void;
    let taken!: () => void;
    const lockTaken = new Promise<void>((r) => {
      taken = r;
    });
    const holder = second.deps.db.transaction().execute(async (tx) => {
      await lockBranchAlerts(tx, branch.id);
      taken();
      await new Promise<void>((r) => {
        release = r;
      });
    });
    await lockTaken;
    expect((await round(ctx.app)).evaluation.branches).toBe(0);
    let acked = false;
    const ack = ctx
      .request("POST", `/api/v1/alerts/${alert!.id}/ack`, { cookie: ctx.adminCookie })
      .then((r) => {
        acked = true;
        return r;
      });
    await new Promise((r) => setTimeout(r, 300));
    expect(acked).toBe(false);
    release();
    await holder;
    expect((await ack).status).toBe(200);
    expect((await round(ctx.app)).evaluation.branches).toBe(1);
  });

  it("send each queued message from one instance even while a receiver is slow", async () => {
    rx.webhook.received.length = 0;
    rx.webhook.fallback = { status: 200, delayMs: 300 };
    const [alert] = await ctx.database.db.selectFrom("alerts").select(["id", "branch_id"]).execute();
    const now = clock.now;
    await ctx.database.db
      .insertInto("outbox")
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          alert_id: alert!.id,
          branch_id: alert!.branch_id,
          event: "reminder" as const,
          channel: JSON.stringify({ type: "webhook", url: `${rx.webhook.url}/${i}` }),
          channel_key: `webhook:${rx.webhook.url}/${i}`,
          subject: `message ${i}`,
          body: JSON.stringify({ i }),
          next_attempt_at: now,
          created_at: now,
        })),
      )
      .execute();
    const sent = await Promise.all([
      deliverDue(ctx.app.deps, ctx.app.deps.senders, ctx.app.log),
      deliverDue(second.deps, second.deps.senders, second.log),
    ]);
    expect(sent[0].sent + sent[1].sent).toBe(30);
    // Both took a share: the claim is per message, not a lock around the whole batch.
    expect(sent[0].sent).toBeGreaterThan(0);
    expect(sent[1].sent).toBeGreaterThan(0);
    const paths = rx.webhook.received.map((r) => r.headers.path).sort();
    expect(paths).toEqual(Array.from({ length: 30 }, (_, i) => `/${i}`).sort());
  });
});

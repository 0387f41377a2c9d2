import { describe, expect, it } from "vitest";
import { appendEvent } from "../../src/events/log.ts";
import { type Office, seatOperators, setUpOffice } from "../helpers/office.ts";
import { SseClient } from "../helpers/sse.ts";
import type { TestContext } from "../helpers/test-app.ts";

/**
 * PostgreSQL only: transactions that overlap commit in another order than they started. Live
 * clients and replays must still get every event, in increasing ids, exactly once.
 */
let ctx: TestContext;
let office: Office;
let base: string;

setUpOffice({ realClock: true }, async (c, o) => {
  ctx = c;
  office = o;
  base = await ctx.app.listen({ port: 0, host: "127.0.0.1" });
});

const issue = (serviceId: string) =>
  ctx.request("POST", "/api/v1/tickets", { token: office.kioskToken, body: { serviceId } });

const branchId = async () =>
  (await ctx.request("GET", "/api/v1/branch", { cookie: ctx.adminCookie })).body.id as string;

describe("event ids follow commit order", () => {
  it("an event whose transaction commits last gets the highest id, live and on replay", async () => {
    const board = await SseClient.connect(`${base}/api/v1/events?channel=board`);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let appended!: () => void;
    const wasAppended = new Promise<void>((r) => {
      appended = r;
    });
    // A transaction appends its event first and commits last (like a call-next held up mid-way).
    const slow = ctx.database.db.transaction().execute(async (tx) => {
      await appendEvent(tx, {
        branchId: await branchId(),
        type: "ticket.cancelled",
        at: new Date(),
        data: { ticketId: "1", label: "SLOW", status: "cancelled", serviceId: office.services.buy },
      });
      appended();
      await gate;
    });
    await wasAppended;
    const fast = await issue(office.services.buy);
    expect(fast.status).toBe(201);
    await board.waitFor((events) => events.some((e) => e.data.label === fast.body.label));
    release();
    await slow;
    await board.waitFor((events) => events.some((e) => e.data.label === "SLOW"));

    const got = board.events.filter((e) => e.data.label === fast.body.label || e.data.label === "SLOW");
    expect(got.map((e) => e.data.label)).toEqual([fast.body.label, "SLOW"]);
    expect(BigInt(got[1]!.id)).toBeGreaterThan(BigInt(got[0]!.id));
    await board.close();

    // A client that had seen only the fast event gets the slow one on reconnect.
    const replay = await SseClient.connect(`${base}/api/v1/events?channel=board`, {
      "last-event-id": got[0]!.id,
    });
    await replay.waitFor((events) => events.some((e) => e.data.label === "SLOW"));
    expect(replay.events.map((e) => e.data.label)).toEqual(["SLOW"]);
    await replay.close();
  });

  it("under load from kiosks and operators, a live client receives every committed event once, in order", async () => {
    const admin = { cookie: ctx.adminCookie };
    const staff = await SseClient.connect(`${base}/api/v1/events?channel=staff`, admin);
    const since = (
      await ctx.database.db
        .selectFrom("events")
        .select((eb) => eb.fn.max("id").as("max"))
        .executeTakeFirstOrThrow()
    ).max as string | null;

    const operators = await seatOperators(ctx, office.services.refund, 4, (i) => ({
      workstation: `Load ${i}`,
      number: `L${i}`,
      login: `load${i}`,
      name: `Load ${i}`,
    }));
    const until = Date.now() + 2500;
    const kiosks = Array.from({ length: 8 }, async () => {
      while (Date.now() < until) expect((await issue(office.services.refund)).status).toBe(201);
    });
    const calls = operators.map(async (cookie) => {
      while (Date.now() < until) {
        const call = await ctx.request("POST", "/api/v1/operator/call-next", { cookie });
        if (call.status !== 200) continue;
        await ctx.request("POST", `/api/v1/operator/tickets/${call.body.id}/start`, { cookie });
        await ctx.request("POST", `/api/v1/operator/tickets/${call.body.id}/finish`, { cookie });
      }
    });
    await Promise.all([...kiosks, ...calls]);

    const committed = (
      await ctx.database.db
        .selectFrom("events")
        .select("id")
        .where("id", ">", since ?? "0")
        .orderBy("id")
        .execute()
    ).map((r) => r.id);
    expect(committed.length).toBeGreaterThan(200);
    await staff.waitFor((events) => events.some((e) => e.id === committed.at(-1)), 10_000);
    const received = staff.events.map((e) => e.id).filter((id) => BigInt(id) > BigInt(since ?? 0));
    expect(received).toEqual(committed);
    await staff.close();
  });
});

describe("the ratio rule with operators calling at once", () => {
  it("keeps exactly one priority call in every three", async () => {
    const admin = { cookie: ctx.adminCookie };
    await ctx.request("POST", "/api/v1/queue/close-day", admin);
    await ctx.request("PATCH", "/api/v1/branch", {
      ...admin,
      body: { settings: { callingPolicy: { slaGuard: false, ratio: { normal: 2, priority: 1 } } } },
    });
    const operators = await seatOperators(ctx, office.services.corporate, 3, (i) => ({
      workstation: `Ratio ${i}`,
      number: `R${i}`,
      login: `ratio${i}`,
      name: `Ratio ${i}`,
    }));
    for (let i = 0; i < 16; i++) {
      await ctx.request("POST", "/api/v1/tickets", {
        token: office.kioskToken,
        body: {
          serviceId: office.services.corporate,
          ...(i < 6 ? { categoryId: office.categories.veteran } : {}),
        },
      });
    }
    // Four rounds of three simultaneous calls take 4 priority and 8 normal clients of the 6 and 10
    // waiting, so both kinds are there all along and the rule alone decides.
    for (let round = 0; round < 4; round++) {
      const called = await Promise.all(
        operators.map((cookie) => ctx.request("POST", "/api/v1/operator/call-next", { cookie })),
      );
      await Promise.all(
        called.map(async (c, i) => {
          expect(c.status).toBe(200);
          await ctx.request("POST", `/api/v1/operator/tickets/${c.body.id}/start`, { cookie: operators[i]! });
          await ctx.request("POST", `/api/v1/operator/tickets/${c.body.id}/finish`, {
            cookie: operators[i]!,
          });
        }),
      );
    }
    const classes = (
      await ctx.database.db
        .selectFrom("events")
        .select((eb) =>
          eb
            .ref("data", "->>")
            .key("callClass" as never)
            .as("cls"),
        )
        .where("type", "=", "ticket.called")
        .where(
          "employee_id",
          "in",
          (
            await ctx.database.db
              .selectFrom("employees")
              .select("id")
              .where("login", "like", "ratio%")
              .execute()
          ).map((e) => e.id),
        )
        .orderBy("id")
        .execute()
    ).map((r) => (r.cls === "priority" ? "P" : "N"));
    expect(classes).toHaveLength(12);
    for (let i = 0; i + 3 <= classes.length; i++) {
      expect(
        classes.slice(i, i + 3).filter((c) => c === "P"),
        `calls ${classes.join("")}`,
      ).toHaveLength(1);
    }
    await ctx.request("PATCH", "/api/v1/branch", {
      ...admin,
      body: { settings: { callingPolicy: { slaGuard: true, ratio: null } } },
    });
  });
});

import { describe, expect, it } from "vitest";
import { type Office, seatOperators, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import type { TestContext } from "../helpers/test-app.ts";

/** PostgreSQL only: real concurrent transactions on a pool of connections. */
let ctx: TestContext;
let office: Office;

setUpOffice({ realClock: true }, (c, o) => {
  ctx = c;
  office = o;
});

const issue = (serviceId: string, key?: string) =>
  ctx.request("POST", "/api/v1/tickets", {
    token: office.kioskToken,
    body: { serviceId },
    ...(key ? { headers: { "idempotency-key": key } } : {}),
  });

describe("kiosks issuing at the same moment", () => {
  it("get distinct, consecutive numbers", async () => {
    const results = await Promise.all(Array.from({ length: 60 }, () => issue(office.services.refund)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const numbers = results.map((r) => r.body.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.body.label)).size).toBe(60);
  });

  it("a double tap (same Idempotency-Key, concurrently) issues one ticket", async () => {
    const before = await ctx.database.db
      .selectFrom("tickets")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    const pairs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        Promise.all([
          issue(office.services.corporate, `tap-${i}`),
          issue(office.services.corporate, `tap-${i}`),
        ]),
      ),
    );
    for (const [a, b] of pairs) {
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(a.body.id).toBe(b.body.id);
      expect(a.body.code).toBe(b.body.code);
    }
    const after = await ctx.database.db
      .selectFrom("tickets")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(20);
    const labels = pairs.map(([a]) => a.body.number).sort((x, y) => x - y);
    expect(labels).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe("operators calling at the same moment", () => {
  it("never share a ticket and lose none", async () => {
    const TICKETS = 120;
    const OPERATORS = 16;
    // Everyone serves "buy" at their own workstation.
    const operators = await seatOperators(ctx, office.services.buy, OPERATORS, (i) => ({
      workstation: `Desk ${i}`,
      number: `D${i}`,
      login: `op${i}`,
      name: `Operator ${i}`,
    }));
    const issued = await Promise.all(Array.from({ length: TICKETS }, () => issue(office.services.buy)));
    const issuedIds = new Set(issued.map((r) => r.body.id));

    const servedBy = new Map<string, string>();
    let emptyCalls = 0;
    await Promise.all(
      operators.map(async (cookie) => {
        for (;;) {
          const call = await ctx.request("POST", "/api/v1/operator/call-next", { cookie });
          if (call.status === 204) {
            emptyCalls++;
            return;
          }
          expect(call.status).toBe(200);
          const id = call.body.id as string;
          expect(servedBy.has(id), `ticket ${id} called twice`).toBe(false);
          servedBy.set(id, cookie);
          expect((await ctx.request("POST", `/api/v1/operator/tickets/${id}/start`, { cookie })).status).toBe(
            200,
          );
          expect(
            (await ctx.request("POST", `/api/v1/operator/tickets/${id}/finish`, { cookie })).status,
          ).toBe(200);
        }
      }),
    );
    expect(emptyCalls).toBe(OPERATORS);
    expect(new Set(servedBy.keys())).toEqual(issuedIds);
    const calledEvents = await ctx.database.db
      .selectFrom("events")
      .select(["ticket_id", (eb) => eb.fn.countAll<string>().as("n")])
      .where("type", "=", "ticket.called")
      .where("ticket_id", "in", [...issuedIds])
      .groupBy("ticket_id")
      .execute();
    expect(calledEvents).toHaveLength(TICKETS);
    expect(calledEvents.every((e) => Number(e.n) === 1)).toBe(true);
    // Work was actually spread across operators, so the calls really were concurrent.
    expect(new Set(servedBy.values()).size).toBeGreaterThan(OPERATORS / 2);
  });

  it("a double click on call-next by one operator calls one ticket", async () => {
    const { anna } = office.operators;
    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    await Promise.all([issue(office.services.buy), issue(office.services.buy)]);
    const [a, b] = await Promise.all([
      ctx.request("POST", "/api/v1/operator/call-next", { cookie: anna.cookie }),
      ctx.request("POST", "/api/v1/operator/call-next", { cookie: anna.cookie }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.error.code).toBe("operator_busy");
    const held = await ctx.database.db
      .selectFrom("tickets")
      .select("id")
      .where("employee_id", "=", anna.id)
      .where("status", "in", ["called", "serving"])
      .execute();
    expect(held).toHaveLength(1);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { issue, type Office, operatorAction, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import type { TestContext } from "../helpers/test-app.ts";

/**
 * "The client did not come" can be taken back for 10 seconds, by the operator who said it at the
 * workstation where he said it: the ticket is called again, as it was, and the event log says so.
 */
let ctx: TestContext;
let office: Office;

setUpOffice((c, o) => {
  ctx = c;
  office = o;
});

const undo = (cookie: string, id: string) =>
  ctx.request("POST", `/api/v1/operator/tickets/${id}/undo-no-show`, { cookie });

const eventsOf = (ticketId: string) =>
  ctx.database.db
    .selectFrom("events")
    .select(["type", "employee_id", "workstation_id"])
    .where("ticket_id", "=", ticketId)
    .orderBy("events.id")
    .execute();

/** Anna at window 1 calls a client and marks him a no-show; returns the ticket. */
async function noShowAtWindow1() {
  const { anna } = office.operators;
  await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
  const ticket = await issue(ctx, office, office.services.buy);
  await operatorAction(ctx, anna.cookie, `tickets/${ticket.id}/call`);
  ctx.clock.advance(30);
  await operatorAction(ctx, anna.cookie, `tickets/${ticket.id}/no-show`);
  return ticket;
}

describe("undoing a no-show", () => {
  beforeEach(async () => {
    await ctx.request("POST", "/api/v1/queue/close-day", { cookie: office.supervisor.cookie });
  });

  it("within 10 s: the ticket is called again at the same window, evented, and not counted", async () => {
    const { anna } = office.operators;
    const ticket = await noShowAtWindow1();
    ctx.clock.advance(10);
    const res = await undo(anna.cookie, ticket.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: ticket.id,
      status: "called",
      callCount: 1,
      finishedAt: null,
      employeeId: anna.id,
      workstationId: office.workstations.w1,
    });
    const state = (await ctx.request("GET", "/api/v1/operator/state", { cookie: anna.cookie })).body;
    expect(state.status).toBe("calling");
    expect(state.ticket.id).toBe(ticket.id);
    const events = await eventsOf(ticket.id);
    expect(events.map((e) => e.type)).toEqual([
      "ticket.issued",
      "ticket.called",
      "ticket.no_show",
      "ticket.no_show_undone",
    ]);
    expect(events[3]).toMatchObject({ employee_id: anna.id, workstation_id: office.workstations.w1 });
    const segment = await ctx.database.db
      .selectFrom("ticket_segments")
      .select(["outcome", "finished_at"])
      .where("ticket_id", "=", ticket.id)
      .executeTakeFirstOrThrow();
    expect(segment).toEqual({ outcome: null, finished_at: null });
    const today = (await ctx.request("GET", "/api/v1/operator/today", { cookie: anna.cookie })).body;
    expect(today.noShows).toBe(0);
    // The client came after all: served as usual.
    await operatorAction(ctx, anna.cookie, `tickets/${ticket.id}/start`);
    await operatorAction(ctx, anna.cookie, `tickets/${ticket.id}/finish`);
  });

  it("after 10 s: 409 undo_expired, the ticket stays a no-show", async () => {
    const { anna } = office.operators;
    const ticket = await noShowAtWindow1();
    ctx.clock.advance(11);
    const res = await undo(anna.cookie, ticket.id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("undo_expired");
    const row = await ctx.database.db
      .selectFrom("tickets")
      .select("status")
      .where("id", "=", ticket.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("no_show");
    expect((await eventsOf(ticket.id)).map((e) => e.type)).not.toContain("ticket.no_show_undone");
  });

  it("another operator may not undo it: 409 not_your_ticket", async () => {
    const ticket = await noShowAtWindow1();
    await takeWorkstation(ctx, office.operators.boris.cookie, office.workstations.w2);
    const res = await undo(office.operators.boris.cookie, ticket.id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("not_your_ticket");
    await ctx.request("DELETE", "/api/v1/operator/workstation", { cookie: office.operators.boris.cookie });
  });

  it("not from another workstation: 409 not_your_ticket", async () => {
    const { anna } = office.operators;
    const ticket = await noShowAtWindow1();
    await takeWorkstation(ctx, anna.cookie, office.workstations.w3);
    const res = await undo(anna.cookie, ticket.id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("not_your_ticket");
  });

  it("not while the operator has called someone else: 409 operator_busy", async () => {
    const { anna } = office.operators;
    const ticket = await noShowAtWindow1();
    const next = await issue(ctx, office, office.services.buy);
    await operatorAction(ctx, anna.cookie, `tickets/${next.id}/call`);
    const res = await undo(anna.cookie, ticket.id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("operator_busy");
  });

  it("only a no-show can be undone: 409 for a served ticket", async () => {
    const { anna } = office.operators;
    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    const ticket = await issue(ctx, office, office.services.buy);
    await operatorAction(ctx, anna.cookie, `tickets/${ticket.id}/call`);
    await operatorAction(ctx, anna.cookie, `tickets/${ticket.id}/start`);
    await operatorAction(ctx, anna.cookie, `tickets/${ticket.id}/finish`);
    const res = await undo(anna.cookie, ticket.id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("invalid_transition");
  });
});

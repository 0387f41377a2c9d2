import { describe, expect, it } from "vitest";
import { ticketEventData } from "../../src/queue/ticket-events.ts";
import { issue, type Office, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import type { TestContext } from "../helpers/test-app.ts";

/**
 * Every `ticket.*` event carries the same fields, built in one place: the event written by the
 * statement that issues a ticket is no exception (it used to lack `lastCalledAt`).
 */
let ctx: TestContext;
let office: Office;

setUpOffice((c, o) => {
  ctx = c;
  office = o;
});

const ticketFields = {
  id: "1",
  label: "A001",
  status: "waiting" as const,
  service_id: "1",
  category_id: null,
  call_count: 0,
  segment: 1,
  called_at: null,
  last_called_at: null,
  employee_id: null,
};

const eventsOf = (ticketId: string) =>
  ctx.database.db
    .selectFrom("events")
    .select(["type", "data", "device_id", "employee_id", "workstation_id"])
    .where("ticket_id", "=", ticketId)
    .orderBy("events.id")
    .execute();

describe("ticket events", () => {
  it("the issued event is the ticket as stored, built like every other ticket event", async () => {
    const ticket = await issue(ctx, office, office.services.buy, { categoryId: office.categories.veteran });
    const row = await ctx.database.db
      .selectFrom("tickets")
      .selectAll()
      .where("id", "=", ticket.id)
      .executeTakeFirstOrThrow();
    const [issued] = await eventsOf(ticket.id);
    expect(issued!.type).toBe("ticket.issued");
    expect(issued!.data).toEqual(ticketEventData(row, null, { origin: "kiosk" }));
    expect(issued!.data).toMatchObject({
      ticketId: ticket.id,
      label: ticket.label,
      status: "waiting",
      categoryId: office.categories.veteran,
      callCount: 0,
      segment: 1,
      calledAt: null,
      lastCalledAt: null,
      workstation: null,
    });
    expect(issued!.device_id).not.toBeNull();
    expect(issued!.employee_id).toBeNull();
  });

  it("the issued and the called event carry the same fields", async () => {
    await takeWorkstation(ctx, office.operators.anna.cookie, office.workstations.w1);
    const ticket = await issue(ctx, office, office.services.buy);
    const called = await ctx.request("POST", `/api/v1/operator/tickets/${ticket.id}/call`, {
      cookie: office.operators.anna.cookie,
    });
    expect(called.status).toBe(200);
    const [issued, call] = await eventsOf(ticket.id);
    expect(call!.type).toBe("ticket.called");
    // Each adds its own extra (how the ticket came; which class the call counted as).
    const shared = (e: { data: unknown }, extra: string) =>
      Object.keys(e.data as object)
        .filter((k) => k !== extra)
        .sort();
    expect(shared(issued!, "origin")).toEqual(shared(call!, "callClass"));
    expect(shared(issued!, "origin")).toEqual(Object.keys(ticketEventData(ticketFields, null)).sort());
  });
});

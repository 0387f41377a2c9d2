import { sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { bootstrap } from "../../src/bootstrap.ts";
import { openDatabase } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import type { App } from "../../src/http/types.ts";
import { issue, type Office, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import { adminUrl, testDatabaseName, withDatabase } from "../helpers/postgres-url.ts";
import { SseClient } from "../helpers/sse.ts";
import { type TestContext, testConfig } from "../helpers/test-app.ts";

/** PostgreSQL only: several app instances on one database, as behind a load balancer. */
let ctx: TestContext;
let office: Office;
let second: App;
let secondUrl: string;

setUpOffice({ realClock: true }, async (c, o) => {
  ctx = c;
  office = o;
  second = await ctx.secondInstance();
  secondUrl = await second.listen({ port: 0, host: "127.0.0.1" });
});

describe("two instances on one PostgreSQL", () => {
  it("a call made through instance A reaches a board connected to instance B", async () => {
    const board = await SseClient.connect(
      `${secondUrl}/api/v1/events?channel=board&token=${office.boardToken}`,
    );
    expect(board.status).toBe(200);
    const ticket = await issue(ctx, office, office.services.buy);
    await takeWorkstation(ctx, office.operators.anna.cookie, office.workstations.w1);
    const started = Date.now();
    const call = await ctx.request("POST", "/api/v1/operator/call-next", {
      cookie: office.operators.anna.cookie,
    });
    expect(call.body.id).toBe(ticket.id);
    await board.waitFor(
      (events) => events.some((e) => e.event === "ticket.called" && e.data.ticketId === ticket.id),
      2000,
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(1000);
    const called = board.events.find((e) => e.event === "ticket.called")!;
    expect(called.data).toMatchObject({
      label: ticket.label,
      status: "called",
      workstation: { number: "1", name: "Окно 1" },
    });
    const row = await ctx.database.db
      .selectFrom("events")
      .select("id")
      .where("ticket_id", "=", ticket.id)
      .where("type", "=", "ticket.called")
      .executeTakeFirstOrThrow();
    expect(called.id).toBe(row.id);
    await board.close();

    // Reconnect to B with Last-Event-ID: what happened meanwhile (through A) is replayed first.
    const s1 = await ctx.request("POST", `/api/v1/operator/tickets/${ticket.id}/start`, {
      cookie: office.operators.anna.cookie,
    });
    const s2 = await ctx.request("POST", `/api/v1/operator/tickets/${ticket.id}/finish`, {
      cookie: office.operators.anna.cookie,
    });
    expect([s1.status, s2.status, s2.body]).toEqual([
      200,
      200,
      expect.objectContaining({ status: "served" }),
    ]);
    const again = await SseClient.connect(`${secondUrl}/api/v1/events?channel=board`, {
      "last-event-id": called.id,
    });
    await again.waitFor((events) => events.some((e) => e.event === "ticket.served"));
    // The board stream also carries operators' status changes (for counter displays), bare of who.
    const [ticketEvents, others] = [
      again.events.filter((e) => e.event.startsWith("ticket.")),
      again.events.filter((e) => !e.event.startsWith("ticket.")),
    ];
    expect(ticketEvents.map((e) => e.event)).toEqual(["ticket.started", "ticket.served"]);
    for (const e of others) {
      expect(e.event).toBe("operator.status");
      expect(Object.keys(e.data)).toEqual(["at"]);
    }
    expect(again.events.every((e) => BigInt(e.id) > BigInt(called.id))).toBe(true);
    await again.close();
  });
});

describe("starting together", () => {
  it("two instances migrating and bootstrapping an empty database at once do it exactly once", async () => {
    // A truly empty database, not a clone of the migrated template.
    const fresh = testDatabaseName("empty");
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`create database "${fresh}"`);
    await admin.end();
    const a = await openDatabase({ kind: "postgres", url: withDatabase(fresh), poolSize: 4 });
    const b = await openDatabase({ kind: "postgres", url: withDatabase(fresh), poolSize: 4 });
    try {
      const [ma, mb] = await Promise.all([migrateToLatest(a.db as never), migrateToLatest(b.db as never)]);
      expect([...ma, ...mb].sort()).toEqual([
        "0001_initial",
        "0002_ticket_segments",
        "0003_report_rollups",
        "0004_alerts",
        "0005_ticket_calls",
        "0006_demo_history",
        "0007_wait_quotes",
        "0008_appointments",
        "0009_remote_visitors",
      ]);
      const config = testConfig();
      const [ba, bb] = await Promise.all([bootstrap(a.db, config), bootstrap(b.db, config)]);
      expect([ba.admin, bb.admin].filter(Boolean)).toHaveLength(1);
      const counts = await sql<{ branches: number; admins: number }>`
        select (select count(*)::int from branches) as branches,
               (select count(*)::int from employees where role = 'admin') as admins
      `.execute(a.db);
      expect(counts.rows[0]).toEqual({ branches: 1, admins: 1 });
    } finally {
      await a.close();
      await b.close();
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`drop database if exists "${fresh}" with (force)`);
      await c.end();
    }
  });
});

import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { EventRow } from "../../src/db/schema.ts";
import { SseConnection } from "../../src/events/sse-connection.ts";

function row(id: number, type = "ticket.called"): EventRow {
  return {
    id: String(id),
    branch_id: "1",
    type,
    ticket_id: "7",
    employee_id: "3",
    workstation_id: "2",
    device_id: null,
    data: {
      ticketId: "7",
      label: `A${id}`,
      status: "called",
      serviceId: "1",
      callCount: 1,
      employeeId: "3",
      categoryId: "9",
    },
    created_at: new Date("2026-03-02T10:00:00Z"),
  };
}

/** A board connection with room to spare, unless a test says otherwise. */
function connect(out: Writable, options: Partial<ConstructorParameters<typeof SseConnection>[1]> = {}) {
  return new SseConnection(out, {
    channel: "board",
    lastEventId: null,
    maxBufferedBytes: 1e6,
    onDrop: () => {},
    ...options,
  });
}

/** A client socket: `stalled` never acknowledges writes, like a client that stopped reading. */
function client(stalled = false) {
  const chunks: string[] = [];
  const out = new Writable({
    highWaterMark: 1024,
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      if (!stalled) done();
    },
  });
  const ids = () =>
    chunks
      .join("")
      .match(/^id: \d+$/gm)
      ?.map((l) => l.slice(4)) ?? [];
  return { out, chunks, ids };
}

describe("an SSE connection", () => {
  it("starts over from the present when the client names an id the log never had", () => {
    const c = client();
    const conn = connect(c.out, { lastEventId: "500000" });
    conn.finishReplay([], 100, "40");
    conn.deliver(row(41));
    expect(c.chunks.join("")).toContain('id: 40\nevent: reset\ndata: {"reason":"unknown_last_event_id"}');
    expect(c.ids()).toEqual(["40", "41"]);
  });

  it("replays the missed events, then the ones that arrived meanwhile, without duplicates", () => {
    const c = client();
    const conn = connect(c.out, { lastEventId: "10" });
    conn.deliver(row(12)); // live, during the replay
    conn.deliver(row(13));
    conn.finishReplay([row(11), row(12)], 100);
    conn.deliver(row(14));
    conn.deliver(row(9)); // older than what the client has: never sent
    expect(c.ids()).toEqual(["11", "12", "13", "14"]);
  });

  it("sends the board only public fields", () => {
    const c = client();
    const conn = connect(c.out);
    conn.finishReplay([], 100);
    conn.deliver(row(1));
    conn.deliver(row(2, "operator.status"));
    const text = c.chunks.join("");
    expect(text).toContain("event: ticket.called");
    // Of an operator's status change, only that it happened (for counter displays).
    expect(text).toContain('id: 2\nevent: operator.status\ndata: {"at":"2026-03-02T10:00:00.000Z"}\n\n');
    expect(text).not.toContain("employeeId");
    expect(text).not.toContain("categoryId");
  });

  it("tells the client to reload when too much was missed", () => {
    const c = client();
    const conn = connect(c.out, { lastEventId: "1" });
    // 3 missed of a limit of 2 (the replay reads limit + 1); the log's newest is 9.
    conn.finishReplay([row(2), row(3), row(4)], 2, "9");
    conn.deliver(row(9));
    conn.deliver(row(10));
    expect(c.chunks.join("")).toContain("id: 9\nevent: reset\n");
    expect(c.ids()).toEqual(["9", "10"]);
  });

  it("drops a client whose replay never finishes rather than holding live events without end", () => {
    const c = client();
    let dropped = 0;
    const conn = connect(c.out, { lastEventId: "1", onDrop: () => dropped++ });
    for (let id = 2; id <= 10_002; id++) conn.deliver(row(id));
    expect(dropped).toBe(1);
    expect(conn.closed).toBe(true);
    expect(c.ids()).toEqual([]);
  });

  it("drops a client that stopped reading instead of buffering without end", () => {
    const c = client(true);
    let dropped = 0;
    const conn = connect(c.out, { channel: "staff", maxBufferedBytes: 8 * 1024, onDrop: () => dropped++ });
    conn.finishReplay([], 100);
    let sent = 0;
    while (!conn.closed && sent < 10_000) conn.deliver(row(++sent));
    expect(dropped).toBe(1);
    expect(conn.closed).toBe(true);
    expect(c.out.writableLength).toBeGreaterThan(8 * 1024);
    expect(c.out.writableLength).toBeLessThan(8 * 1024 + 2048);
    conn.deliver(row(++sent));
    expect(dropped).toBe(1);
  });

  it("sends a heartbeat as a comment line by default, which EventSource ignores", () => {
    const c = client();
    const conn = connect(c.out, { lastEventId: "5" });
    conn.finishReplay([], 100, "5");
    conn.heartbeat();
    expect(c.chunks.join("")).toBe(": heartbeat\n\n");
    expect(c.ids()).toEqual([]);
  });

  it("sends a heartbeat as a named event without an id when asked, so a client can tell a dead stream", () => {
    const c = client();
    const conn = connect(c.out, { lastEventId: "5", heartbeat: "event" });
    conn.finishReplay([], 100, "5");
    conn.heartbeat();
    expect(c.chunks.join("")).toBe("event: heartbeat\ndata: {}\n\n");
    expect(c.ids()).toEqual([]);
  });
});

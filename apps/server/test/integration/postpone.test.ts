import type { RemoteJoinSettings } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { issue, type Office, operatorAction, seatOperators, setUpOffice } from "../helpers/office.ts";
import { type RequestOptions, type Response, TestClock, type TestContext } from "../helpers/test-app.ts";

/**
 * Postpone (docs/remote-join.md, "Postpone"): POST /api/v1/tickets/:code/postpone {places} lets
 * people go first. Each test queues its tickets in a service of its own, a second apart.
 */
let ctx: TestContext;
let office: Office;
const clock = new TestClock(new Date("2026-03-02T12:00:00+03:00"));

let address = 0;
function anonymous(options: RequestOptions = {}): RequestOptions {
  address++;
  return {
    ...options,
    headers: { "x-forwarded-for": `198.51.${address >> 8}.${address & 255}`, ...options.headers },
  };
}

function postpone(code: string, places: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return ctx.request("POST", `/api/v1/tickets/${code}/postpone`, anonymous({ body: { places }, headers }));
}

async function remoteSettings(patch: Partial<RemoteJoinSettings>) {
  const res = await ctx.request("PATCH", "/api/v1/branch", {
    cookie: ctx.adminCookie,
    body: { settings: { remoteJoin: patch } },
  });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}

let services = 0;
/**
 * A fresh service with kiosk tickets (a second apart, some with a category); their codes. `tied`:
 * all taken at the same instant, as appointments checked in early all wait from their slot's start.
 */
async function queue(
  categories: (string | null)[],
  tied = false,
): Promise<{ serviceId: string; codes: string[] }> {
  const prefix = `P${"ABCDEFGHIJKLMNOPRSTUVWXYZ"[services++]}`;
  const res = await ctx.request("POST", "/api/v1/services", {
    cookie: ctx.adminCookie,
    body: { name: `Service ${prefix}`, prefix },
  });
  const serviceId = res.body.id as string;
  const codes: string[] = [];
  for (const categoryId of categories) {
    if (!tied) clock.advance(1);
    codes.push((await issue(ctx, office, serviceId, categoryId ? { categoryId } : {})).code);
  }
  return { serviceId, codes };
}

const view = async (code: string) => (await ctx.request("GET", `/api/v1/tickets/${code}`, anonymous())).body;
/** The waiting tickets' labels in the order of their positions. */
async function order(codes: string[]): Promise<string[]> {
  const views = await Promise.all(codes.map(view));
  return views
    .filter((v) => v.status === "waiting")
    .sort((a, b) => a.position - b.position)
    .map((v) => v.label);
}
const row = (code: string) =>
  ctx.database.db.selectFrom("tickets").selectAll().where("code", "=", code).executeTakeFirstOrThrow();

setUpOffice({ clock, config: { trustProxy: ["loopback"] } }, async (c, o) => {
  ctx = c;
  office = o;
});

describe("moving back", () => {
  it("moves a ticket back by the places asked, right behind the ticket that was that far behind", async () => {
    const { codes } = await queue([null, null, null, null, null]);
    const res = await postpone(codes[0]!, 2);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ label: "PA001", status: "waiting", position: 2, postponesLeft: 1 });
    expect(await order(codes)).toEqual(["PA002", "PA003", "PA001", "PA004", "PA005"]);
    // Midway between PA003's and PA004's arrivals; the report's wait still counts from the real arrival.
    const [moved, target, next] = [await row(codes[0]!), await row(codes[2]!), await row(codes[3]!)];
    expect(moved.enqueued_at.getTime()).toBe(target.enqueued_at.getTime() + 500);
    expect(next.enqueued_at.getTime()).toBe(target.enqueued_at.getTime() + 1000);
    expect(moved.postpone_count).toBe(1);
    const segment = await ctx.database.db
      .selectFrom("ticket_segments")
      .select("enqueued_at")
      .where("ticket_id", "=", moved.id)
      .executeTakeFirstOrThrow();
    expect(segment.enqueued_at.getTime()).toBe(moved.issued_at.getTime());
    const event = await ctx.database.db
      .selectFrom("events")
      .select(["type", "data"])
      .where("ticket_id", "=", moved.id)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(event.type).toBe("ticket.updated");
    expect(event.data).toMatchObject({ change: "postponed", places: 2, label: "PA001", status: "waiting" });
  });

  it("call next takes them in the new order", async () => {
    const { serviceId, codes } = await queue([null, null, null]);
    await postpone(codes[0]!, 1);
    const [cookie] = await seatOperators(ctx, serviceId, 1, () => ({
      workstation: "Окно П",
      number: "41",
      login: "postpone-op",
      name: "Пётр",
    }));
    const called: string[] = [];
    for (let i = 0; i < 3; i++) {
      const t = await operatorAction(ctx, cookie!, "call-next");
      called.push(t.label);
      await operatorAction(ctx, cookie!, `tickets/${t.id}/start`);
      await operatorAction(ctx, cookie!, `tickets/${t.id}/finish`);
    }
    expect(called).toEqual(["PB002", "PB001", "PB003"]);
  });

  it("with fewer behind it goes last; already last, nothing changes and nothing is counted", async () => {
    const { codes } = await queue([null, null, null]);
    const res = await postpone(codes[1]!, 5);
    expect(res.body).toMatchObject({ position: 2, postponesLeft: 1 });
    expect(await order(codes)).toEqual(["PC001", "PC003", "PC002"]);
    const last = await postpone(codes[1]!, 3);
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ position: 2, postponesLeft: 1 });
    expect((await row(codes[1]!)).postpone_count).toBe(1);
  });

  it("never passes a ticket that is behind it by category: it moves among tickets of its standing", async () => {
    const { veteran } = office.categories;
    const { codes } = await queue([veteran, null, veteran, null]);
    expect(await order(codes)).toEqual(["PD001", "PD003", "PD002", "PD004"]);
    const res = await postpone(codes[0]!, 3);
    expect(res.body.position).toBe(1);
    expect(await order(codes)).toEqual(["PD003", "PD001", "PD002", "PD004"]);
  });
});

describe("limits and refusals", () => {
  it("at most postponeMaxTimes times: then 409 postpone_limit_reached", async () => {
    await remoteSettings({ postponeMaxTimes: 2 });
    const { codes } = await queue([null, null, null, null, null]);
    expect((await postpone(codes[0]!, 1)).status).toBe(200);
    expect((await postpone(codes[0]!, 1)).body.postponesLeft).toBe(0);
    const third = await postpone(codes[0]!, 1);
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({
      code: "postpone_limit_reached",
      details: {
        limit: 2,
        reason: {
          ru: "Талон уже переносили 2 раза — больше нельзя",
          en: "This ticket was already moved back 2 times, the most allowed",
        },
      },
    });
    expect(await order(codes)).toEqual(["PE002", "PE003", "PE001", "PE004", "PE005"]);
  });

  it("more places than postponeMaxPlaces is 400 naming the field; 0 or a fraction too", async () => {
    await remoteSettings({ postponeMaxPlaces: 3 });
    const { codes } = await queue([null, null]);
    const far = await postpone(codes[0]!, 4);
    expect(far.status).toBe(400);
    expect(far.body.error.details).toEqual([
      {
        field: "places",
        code: "postponeTooFar",
        message: "may move back at most 3 places at a time",
        params: { max: 3 },
      },
    ]);
    expect((await postpone(codes[0]!, 0)).status).toBe(400);
    expect((await postpone(codes[0]!, 1.5)).status).toBe(400);
    expect((await postpone(codes[0]!, "2")).status).toBe(400);
    expect((await view(codes[0]!)).postponeMaxPlaces).toBe(3);
    await remoteSettings({ postponeMaxPlaces: 5 });
  });

  it("a ticket not waiting: 409 not_waiting; an unknown code: 404", async () => {
    const { codes } = await queue([null, null]);
    await ctx.request("POST", `/api/v1/tickets/${codes[0]}/cancel`, anonymous());
    const res = await postpone(codes[0]!, 1);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: "not_waiting",
      details: {
        reason: { ru: "Талон уже не в очереди", en: "The ticket is no longer waiting in the queue" },
      },
    });
    expect((await view(codes[0]!)).postponesLeft).toBe(0);
    expect((await postpone("ZZZZ-ZZZZ", 1)).status).toBe(404);
  });
});

describe("retries and double taps", () => {
  it("the same Idempotency-Key moves it once; another request with it is 422", async () => {
    await remoteSettings({ postponeMaxTimes: 2 });
    const { codes } = await queue([null, null, null, null]);
    const headers = { "idempotency-key": "postpone-once-1" };
    const first = await postpone(codes[0]!, 1, headers);
    const again = await postpone(codes[0]!, 1, headers);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body.position).toBe(1);
    expect((await row(codes[0]!)).postpone_count).toBe(1);
    expect((await postpone(codes[0]!, 2, headers)).body.error.code).toBe("idempotency_key_reused");
  });

  it("the same key sent three times at once moves it once", async () => {
    const { codes } = await queue([null, null, null, null]);
    const headers = { "idempotency-key": "postpone-at-once-1" };
    const all = await Promise.all([1, 2, 3].map(() => postpone(codes[0]!, 1, headers)));
    expect(all.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(all.filter((r) => r.headers["idempotent-replayed"] === "true")).toHaveLength(2);
    expect((await row(codes[0]!)).postpone_count).toBe(1);
    expect(await order(codes)).toEqual(["PI002", "PI001", "PI003", "PI004"]);
  });

  it("without a key, two taps at once are two postpones, each counted, never beyond the limit", async () => {
    await remoteSettings({ postponeMaxTimes: 1 });
    const { codes } = await queue([null, null, null, null]);
    const both = await Promise.all([postpone(codes[0]!, 1), postpone(codes[0]!, 1)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await row(codes[0]!)).postpone_count).toBe(1);
    await remoteSettings({ postponeMaxTimes: 2 });
  });
});

describe("among tickets that arrived at the same instant", () => {
  it("moves back exactly the places asked, however many share the target's arrival", async () => {
    const { codes } = await queue([null, null, null, null, null], true);
    const labels = await order(codes);
    expect(labels).toEqual(
      ["PA001", "PA002", "PA003", "PA004", "PA005"].map((l) => l.replace("PA", labels[0]!.slice(0, 2))),
    );
    const [a, b, c, d, e] = labels;
    expect((await postpone(codes[0]!, 1)).status).toBe(200);
    expect(await order(codes)).toEqual([b, a, c, d, e]);
    // Again, from the arrival the first move gave it, past two more of the tied ones.
    expect((await postpone(codes[0]!, 2)).status).toBe(200);
    expect(await order(codes)).toEqual([b, c, d, a, e]);
    // A tied one in the middle of the group.
    expect((await postpone(codes[2]!, 1)).status).toBe(200);
    expect(await order(codes)).toEqual([b, d, c, a, e]);
  });
});

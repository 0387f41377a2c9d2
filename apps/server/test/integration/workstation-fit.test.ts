import { describe, expect, it } from "vitest";
import { issue, type Office, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import type { TestContext } from "../helpers/test-app.ts";

/**
 * Which workstations fit whom, as the screens are told it: the operator's chooser (which of his
 * services each window serves) and the supervisor's "send to a workstation" (which windows serve
 * the ticket's service). Both by the one eligibility rule.
 */
let ctx: TestContext;
let office: Office;

setUpOffice((c, o) => {
  ctx = c;
  office = o;
});

type Choice = { number: string; services: { id: string; name: string }[]; operator: { id: string } | null };

const choices = async (cookie: string) => {
  const res = await ctx.request("GET", "/api/v1/operator/workstations", { cookie });
  expect(res.status).toBe(200);
  return Object.fromEntries(
    (res.body.items as Choice[]).map((w) => [w.number, w.services.map((s) => s.name)]),
  );
};

describe("the operator's workstation chooser", () => {
  it("says for each window which of the operator's services it serves", async () => {
    const { anna, vera } = office.operators;
    // Vera serves only «Корпоративные»: windows 1 and 2 serve none of it, window 3 does.
    expect(await choices(vera.cookie)).toEqual({ "1": [], "2": [], "3": ["Корпоративные"] });
    // Anna: «Купить билет» (rank 1) and «Возврат» (rank 2); window 3 serves only the first.
    expect(await choices(anna.cookie)).toEqual({
      "1": ["Купить билет", "Возврат"],
      "2": ["Купить билет", "Возврат"],
      "3": ["Купить билет"],
    });
  });

  it("shows who works where", async () => {
    const { anna, vera } = office.operators;
    await takeWorkstation(ctx, anna.cookie, office.workstations.w2);
    const res = await ctx.request("GET", "/api/v1/operator/workstations", { cookie: vera.cookie });
    const w2 = res.body.items.find((w: Choice) => w.number === "2");
    expect(w2).toMatchObject({ active: true, operator: { id: anna.id, name: "anna" } });
    await ctx.request("DELETE", "/api/v1/operator/workstation", { cookie: anna.cookie });
  });
});

describe("sending a ticket to a workstation", () => {
  it("offers only the windows that serve the ticket's service, with who is there and whether he is free", async () => {
    const { anna, vera } = office.operators;
    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    await takeWorkstation(ctx, vera.cookie, office.workstations.w3);
    const corporate = await issue(ctx, office, office.services.corporate);
    const buy = await issue(ctx, office, office.services.buy);
    const targets = async (id: string) => {
      const res = await ctx.request("GET", `/api/v1/queue/tickets/${id}/workstations`, {
        cookie: office.supervisor.cookie,
      });
      expect(res.status).toBe(200);
      return res.body.items;
    };
    // «Корпоративные» is served only at window 3 (where Vera works, free).
    expect(await targets(corporate.id)).toEqual([
      {
        id: office.workstations.w3,
        name: "Окно 3",
        number: "3",
        employee: { id: vera.id, name: "vera" },
        status: "free",
      },
    ]);
    // «Купить билет» at every window; nobody works at window 2.
    expect(
      (await targets(buy.id)).map((w: { number: string; employee: unknown; status: string }) => [
        w.number,
        w.employee === null ? null : "someone",
        w.status,
      ]),
    ).toEqual([
      ["1", "someone", "free"],
      ["2", null, "offline"],
      ["3", "someone", "free"],
    ]);
    // Operators do not send clients.
    const refused = await ctx.request("GET", `/api/v1/queue/tickets/${buy.id}/workstations`, {
      cookie: anna.cookie,
    });
    expect(refused.status).toBe(403);
    const missing = await ctx.request("GET", "/api/v1/queue/tickets/999999999/workstations", {
      cookie: office.supervisor.cookie,
    });
    expect(missing.status).toBe(404);
  });
});

import { describe, expect, it } from "vitest";
import { type Office, operatorAction, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import type { TestContext } from "../helpers/test-app.ts";

/** What the display above a window says when nobody is called there: open, on a pause, or closed. */
let ctx: TestContext;
let office: Office;

setUpOffice((c, o) => {
  ctx = c;
  office = o;
});

const counter = async (number: string) => {
  const res = await ctx.request("GET", `/api/v1/counter/${number}`);
  expect(res.status).toBe(200);
  return res.body;
};

describe("the counter display's window state", () => {
  it("closed with nobody signed in, open with the operator there, paused on a pause, closed after he leaves", async () => {
    const { anna } = office.operators;
    expect(await counter("1")).toMatchObject({ ticket: null, window: "closed", pauseReason: null });

    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    expect(await counter("1")).toMatchObject({ ticket: null, window: "open", pauseReason: null });
    // Another window is still closed.
    expect((await counter("2")).window).toBe("closed");

    // A reason of the office's list is shown, in its translations too.
    const lunch = await ctx.request("POST", "/api/v1/pause-reasons", {
      cookie: ctx.adminCookie,
      body: { name: "Обед", translations: { en: "Lunch" } },
    });
    expect(lunch.status).toBe(201);
    await operatorAction(ctx, anna.cookie, "pause", { reasonId: lunch.body.id });
    expect(await counter("1")).toMatchObject({
      ticket: null,
      window: "paused",
      pauseReason: { name: "Обед", translations: { en: "Lunch" } },
    });
    await operatorAction(ctx, anna.cookie, "resume");

    // A reason the operator typed himself is his own: the display says only "pause".
    await operatorAction(ctx, anna.cookie, "pause", { reason: "К врачу" });
    expect(await counter("1")).toMatchObject({ ticket: null, window: "paused", pauseReason: null });
    await operatorAction(ctx, anna.cookie, "resume");

    await ctx.request("DELETE", "/api/v1/operator/workstation", { cookie: anna.cookie });
    expect(await counter("1")).toMatchObject({ ticket: null, window: "closed", pauseReason: null });
  });
});

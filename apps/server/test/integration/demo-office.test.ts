import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoOffice } from "../../src/demo/seed.ts";
import { firstBranch } from "../../src/queue/branches.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

/** The demo office reads right in English: its name, its running text, alert rules and services. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.database.db;
  const branch = (await firstBranch(db))!;
  await db.transaction().execute((tx) => seedDemoOffice(tx, branch.id));
  // As at a first start: the branch is read after the office is made (the app caches it).
  ctx.app.branches.invalidate();
});
afterAll(() => ctx?.close());

const admin = () => ({ cookie: ctx.adminCookie });

describe("the demo office in English", () => {
  it("has its name and running text in English, as the board and the kiosk get them", async () => {
    const branch = (await ctx.request("GET", "/api/v1/branch", admin())).body;
    expect(branch.settings.nameTranslations).toEqual({ en: "Central Station ticket office" });
    expect(branch.settings.runningTextTranslations.en).toMatch(/^Welcome! Watch for your call on the board/);
    const board = await ctx.request("GET", "/api/v1/board");
    expect(board.status).toBe(200);
    expect(board.body.branch).toMatchObject({
      nameTranslations: { en: "Central Station ticket office" },
      runningTextTranslations: { en: branch.settings.runningTextTranslations.en },
    });
    const kiosk = await ctx.request("GET", "/api/v1/kiosk", admin());
    expect(kiosk.body.branch.nameTranslations).toEqual({ en: "Central Station ticket office" });
  });

  it("starts with alert rules named by their kind in the screen's language (no Russian names)", async () => {
    const rules = (await ctx.request("GET", "/api/v1/alert-rules", admin())).body.items;
    expect(rules.map((r: { name: string; kind: string }) => [r.name, r.kind])).toEqual([
      ["", "wait_time"],
      ["", "queue_length"],
      ["", "long_pause"],
    ]);
  });

  it("names every service in English", async () => {
    const services = (await ctx.request("GET", "/api/v1/services", admin())).body.items;
    expect(services.filter((s: { translations: { en?: string } }) => !s.translations.en)).toEqual([]);
  });

  it("lets an administrator set or clear the English name", async () => {
    const patch = (settings: unknown) =>
      ctx.request("PATCH", "/api/v1/branch", { ...admin(), body: { settings } });
    expect(
      (await patch({ nameTranslations: { en: "  Main office " } })).body.settings.nameTranslations,
    ).toEqual({
      en: "Main office",
    });
    expect((await patch({ nameTranslations: {} })).body.settings.nameTranslations).toEqual({});
    expect((await patch({ nameTranslations: { de: "Büro" } })).status).toBe(400);
  });
});

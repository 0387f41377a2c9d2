import { branchCreateSchema, branchPatchSchema, branchSchema, listOf, mergeBranchSettings } from "@dq/shared";
import { invalidField } from "../../core/errors.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { App } from "../../http/types.ts";
import { insertBranch, listBranches, updateBranch } from "../../queue/branches.ts";
import { bookedOnDays } from "../appointments/repository.ts";
import { audit } from "../audit/audit.ts";

const tags = ["settings"];

export async function settingsRoutes(app: App) {
  const { db, clock } = app.deps;

  app.get(
    "/api/v1/branch",
    {
      config: { access: { role: "operator", devices: ["kiosk", "board", "counter", "feedback"] } },
      schema: {
        operationId: "getBranch",
        tags,
        summary: "The current branch (office) and its settings",
        response: { 200: branchSchema },
      },
    },
    async (request) => request.branch,
  );

  app.patch(
    "/api/v1/branch",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "updateBranch",
        tags,
        summary: "Change the office's name, timezone or settings",
        body: branchPatchSchema,
        response: { 200: branchSchema },
      },
    },
    async (request) => {
      const b = request.body;
      const current = request.branch;
      // Nothing to change: the branch as it is, with nothing written or audited.
      if (Object.keys(b).length === 0) return current;
      const settings = mergeBranchSettings(current.settings, b.settings ?? {});
      await inTransaction(db, async (tx) => {
        // A day closed to appointments where visitors are booked would leave them booked for a
        // closed office: their appointments are to be cancelled first (and they told).
        const added = settings.bookingBlackoutDays.filter(
          (d) => !current.settings.bookingBlackoutDays.includes(d),
        );
        const [booked] = await bookedOnDays(tx, current.id, added);
        if (booked) {
          throw invalidField("settings.bookingBlackoutDays", "blackoutBooked", {
            day: booked.day,
            count: Number(booked.count),
          });
        }
        await updateBranch(tx, current.id, { name: b.name, timezone: b.timezone, settings, at: clock() });
        await audit(tx, request, {
          action: "branch.update",
          entity: "branch",
          entityId: current.id,
          data: b,
        });
      });
      app.branches.invalidate();
      return (await app.branches.get(current.id))!;
    },
  );

  app.get(
    "/api/v1/branches",
    {
      config: { access: { role: "admin" } },
      schema: { operationId: "listBranches", tags, response: { 200: listOf(branchSchema) } },
    },
    async () => ({ items: await listBranches(db) }),
  );

  app.post(
    "/api/v1/branches",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "createBranch",
        tags,
        summary: "Add an office",
        body: branchCreateSchema,
        response: { 201: branchSchema },
      },
    },
    async (request, reply) => {
      const branch = await inTransaction(db, async (tx) => {
        const created = await insertBranch(tx, request.body);
        await audit(tx, request, {
          action: "branch.create",
          entity: "branch",
          entityId: created.id,
          data: request.body,
        });
        return created;
      });
      app.branches.invalidate();
      return reply.status(201).send(branch);
    },
  );
}

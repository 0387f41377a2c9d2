import {
  bookingSettingsSchema,
  type Service,
  type serviceCreateSchema,
  type servicePatchSchema,
} from "@dq/shared";
import type { FastifyRequest } from "fastify";
import type { Kysely, Updateable } from "kysely";
import type { z } from "zod";
import type { Clock } from "../../core/clock.ts";
import { conflict, invalidField, notFound } from "../../core/errors.ts";
import type { Executor } from "../../db/executor.ts";
import type { DB, ServiceRow, ServicesTable } from "../../db/schema.ts";
import { appendEvent } from "../../events/log.ts";
import { actorOf } from "../../http/principal.ts";
import { countBookedFrom } from "../appointments/repository.ts";
import { auditedChange } from "../audit/audit.ts";
import * as repo from "./repository.ts";

/** The service tree: each change with its checks and its audit row in one transaction. */
export interface ServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
}
type ServiceCreate = z.output<typeof serviceCreateSchema>;
type ServicePatch = z.output<typeof servicePatchSchema>;

export async function getService(db: Executor, branchId: string, id: string) {
  const s = await repo.findService(db, branchId, id);
  if (!s) throw notFound("service");
  return s;
}

/**
 * Kiosks, boards and the public overview show services: a change is announced live on the one
 * event path (in the change's transaction), and they fetch what they show again.
 */
async function announceServiceChange(
  tx: Executor,
  request: FastifyRequest,
  at: Date,
  serviceId: string,
  change: "created" | "updated" | "archived",
) {
  await appendEvent(tx, {
    branchId: request.branch.id,
    type: "service.updated",
    at,
    employeeId: actorOf(request.principal).employeeId,
    data: { serviceId, change },
  });
}

/** A parent must be a group of this branch, and a group may not end up inside itself. */
async function checkParent(db: Executor, branchId: string, parentId: string | null, selfId?: string) {
  if (!parentId) return;
  const parent = await repo.findService(db, branchId, parentId);
  if (!parent) throw invalidField("parentId", "noSuchGroup");
  if (!parent.is_group) throw invalidField("parentId", "notAGroup");
  if (selfId && (parentId === selfId || (await repo.ancestorIds(db, branchId, parentId)).includes(selfId))) {
    throw invalidField("parentId", "cycle");
  }
}

export async function createService(
  deps: ServiceDeps,
  request: FastifyRequest,
  b: ServiceCreate,
): Promise<Service> {
  const branchId = request.branch.id;
  const entry = { action: "service.create", entity: "service", data: b };
  const row = await auditedChange(deps.db, request, entry, async (tx) => {
    await checkParent(tx, branchId, b.parentId);
    const created = await repo.insertService(tx, {
      branch_id: branchId,
      parent_id: b.parentId,
      is_group: b.isGroup,
      name: b.name,
      translations: JSON.stringify(b.translations),
      description: b.description,
      prefix: b.isGroup ? null : b.prefix,
      color: b.color,
      sort_order: b.sortOrder,
      schedule: b.schedule ? JSON.stringify(b.schedule) : null,
      daily_limit: b.dailyLimit,
      target_wait_minutes: b.targetWaitMinutes,
      priority: b.priority,
      expected_service_minutes: b.expectedServiceMinutes,
      active: b.active,
      accepting_tickets: b.acceptingTickets,
      remote_join: b.remoteJoin,
      booking: b.isGroup ? null : JSON.stringify(b.booking),
    });
    await announceServiceChange(tx, request, deps.clock(), created.id, "created");
    return created;
  });
  return repo.toServiceDto(row);
}

export async function updateService(
  deps: ServiceDeps,
  request: FastifyRequest,
  id: string,
  b: ServicePatch,
): Promise<Service> {
  const branchId = request.branch.id;
  // Nothing to change: the service as it is, with nothing written or audited.
  if (Object.keys(b).length === 0) return repo.toServiceDto(await getService(deps.db, branchId, id));
  const entry = { action: "service.update", entity: "service", data: b };
  const row = await auditedChange(deps.db, request, entry, async (tx) => {
    const current = await getService(tx, branchId, id);
    if (b.parentId !== undefined) await checkParent(tx, branchId, b.parentId, current.id);
    if (b.prefix === null && !current.is_group) throw invalidField("prefix", "prefixRequired");
    const set: Partial<Record<keyof ServicesTable, unknown>> = { updated_at: deps.clock() };
    if (b.name !== undefined) set.name = b.name;
    if (b.translations !== undefined) set.translations = JSON.stringify(b.translations);
    if (b.description !== undefined) set.description = b.description;
    if (b.parentId !== undefined) set.parent_id = b.parentId;
    if (b.prefix !== undefined && !current.is_group) set.prefix = b.prefix;
    if (b.color !== undefined) set.color = b.color;
    if (b.sortOrder !== undefined) set.sort_order = b.sortOrder;
    if (b.schedule !== undefined) set.schedule = b.schedule ? JSON.stringify(b.schedule) : null;
    if (b.dailyLimit !== undefined) set.daily_limit = b.dailyLimit;
    if (b.targetWaitMinutes !== undefined) set.target_wait_minutes = b.targetWaitMinutes;
    if (b.priority !== undefined) set.priority = b.priority;
    if (b.expectedServiceMinutes !== undefined) set.expected_service_minutes = b.expectedServiceMinutes;
    if (b.active !== undefined) set.active = b.active;
    if (b.acceptingTickets !== undefined) set.accepting_tickets = b.acceptingTickets;
    if (b.remoteJoin !== undefined) set.remote_join = b.remoteJoin;
    if (b.booking !== undefined && !current.is_group) {
      await checkSlotLengthFree(tx, current, b.booking.slotMinutes, deps.clock());
      set.booking = JSON.stringify(bookingSettingsSchema.parse({ ...current.booking, ...b.booking }));
    }
    const updated = await repo.updateService(tx, current.id, set as Updateable<ServicesTable>);
    await announceServiceChange(tx, request, deps.clock(), current.id, "updated");
    return updated;
  });
  return repo.toServiceDto(row);
}

/**
 * Slots are counted by their start, so a new slot length would lay a grid over the booked
 * appointments that their counters do not see (and overfill). Changed only once none is booked.
 */
async function checkSlotLengthFree(
  tx: Executor,
  current: ServiceRow,
  slotMinutes: number | undefined,
  now: Date,
) {
  const settings = bookingSettingsSchema.parse(current.booking ?? {});
  if (slotMinutes === undefined || slotMinutes === settings.slotMinutes) return;
  const since = new Date(now.getTime() - settings.lateGraceMinutes * 60_000);
  const count = await countBookedFrom(tx, current.id, since);
  if (count > 0) throw invalidField("booking.slotMinutes", "slotsInUse", { count });
}

/** Archives a service (its history stays): refused for a group with services or open tickets. */
export async function archiveService(deps: ServiceDeps, request: FastifyRequest, id: string) {
  await auditedChange(deps.db, request, { action: "service.delete", entity: "service" }, async (tx) => {
    const current = await getService(tx, request.branch.id, id);
    if (await repo.hasLiveChildren(tx, current.id))
      throw conflict("group_not_empty", "move or delete the services of this group first");
    if (await repo.hasOpenTickets(tx, current.id))
      throw conflict("service_has_open_tickets", "the service still has open tickets");
    // Those still within their grace may yet check in; older ones are no-shows.
    const grace = bookingSettingsSchema.parse(current.booking ?? {}).lateGraceMinutes;
    if (await repo.hasComingAppointments(tx, current.id, new Date(deps.clock().getTime() - grace * 60_000)))
      throw conflict(
        "service_has_appointments",
        "visitors are booked for this service; cancel their appointments (or let them pass) first",
      );
    await repo.archiveService(tx, current.id, deps.clock());
    await announceServiceChange(tx, request, deps.clock(), current.id, "archived");
    return current;
  });
}

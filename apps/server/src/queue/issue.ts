import { isOffered, type Ticket, treeIndex } from "@dq/shared";
import type { Actor, BranchContext } from "../core/branch-context.ts";
import { conflict, invalidField, unprocessable } from "../core/errors.ts";
import type { Executor } from "../db/executor.ts";
import type { ServiceRow, TicketRow } from "../db/schema.ts";
import { businessDay } from "./calendar.ts";
import { unusedTicketCode } from "./codes.ts";
import type { QueueDeps } from "./deps.ts";
import { type Quote, quoteFields, quoteNew, recordedQuote, ticketWithEstimate } from "./estimates.ts";
import {
  countIssuedToday,
  findActiveCategory,
  findIdempotencyClaim,
  insertNumberedTicket,
  positionOf,
  releaseIdempotencyKey,
  serviceTree,
  ticketForIdempotencyKey,
} from "./repository.ts";
import { takingRefusal } from "./taking-tickets.ts";
import { toTicketDto } from "./ticket-dto.ts";
import { issuedEventData } from "./ticket-events.ts";

/** What a remote join adds to a ticket (docs/remote-join.md): kept with it, counted by the caps. */
export interface VisitorFields {
  /** The number itself, only with the visitor's consent. */
  phone: string | null;
  phoneConsentAt: Date | null;
  phoneHash: string | null;
  browserHash: string | null;
  arrivalRequired: boolean;
}

export interface IssueInput {
  serviceId: string;
  categoryId?: string | null;
  language?: string | null;
  idempotencyKey?: string | null;
  origin: "kiosk" | "staff" | "api" | "remote";
  /** A kiosk configured to offer only some services (or groups of them) issues only those. */
  offeredServiceIds?: readonly string[] | null;
  visitor?: VisitorFields;
  /** What the Idempotency-Key's claim remembers of the request; the service and category by default. */
  fingerprint?: string;
}

export interface IssueResult {
  ticket: Ticket;
  /** True when an earlier request with the same Idempotency-Key already issued this ticket. */
  replayed: boolean;
}

/** A ticket about to be issued: its service checked, its priority and promise known. */
export interface PreparedIssue {
  service: ServiceRow;
  priority: number;
  /** The promise is made from the queue as the visitor finds it, and stored with the ticket. */
  quote: Quote | null;
  now: Date;
}

export async function issueTicket(
  deps: QueueDeps,
  branch: BranchContext,
  input: IssueInput,
  actor: Actor,
): Promise<IssueResult> {
  const prepared = await prepareIssue(deps, branch, input);
  const { row, replayed } = await insertPreparedTicket(deps.db, branch, prepared, input, actor);
  if (replayed) return { ticket: await ticketWithEstimate(deps, branch, row), replayed };
  const position = await positionOf(deps.db, row);
  const ticket = toTicketDto(row, { position, ...quoteFields(recordedQuote(row), branch.timezone) });
  return { ticket, replayed: false };
}

/**
 * Everything before the issuing statement: the service exists, is a service, is offered and takes
 * tickets now; the category is active; the quote. Runs outside any transaction (the quote may
 * compute the branch's forecast).
 */
export async function prepareIssue(
  deps: QueueDeps,
  branch: BranchContext,
  input: IssueInput,
): Promise<PreparedIssue> {
  const { db } = deps;
  const now = deps.clock();
  const service = await db
    .selectFrom("services")
    .selectAll()
    .where("id", "=", input.serviceId)
    .where("branch_id", "=", branch.id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!service) throw invalidField("serviceId", "unknownService");
  if (service.is_group || !service.prefix) throw invalidField("serviceId", "groupNotService");
  if (input.offeredServiceIds?.length) {
    const tree = treeIndex(await serviceTree(db, branch.id));
    if (!isOffered(tree, { id: service.id, parentId: service.parent_id }, input.offeredServiceIds)) {
      throw invalidField("serviceId", "notOffered");
    }
  }
  // The daily limit is the issuing statement's to enforce; asked again below when it refuses.
  const closed = takingRefusal(service, null, now, branch.timezone);
  if (closed) throw closed;
  let priority = 0;
  if (input.categoryId) {
    const category = await findActiveCategory(db, branch.id, input.categoryId);
    if (!category) throw invalidField("categoryId", "noSuchCategory");
    priority = category.priority;
  }
  return { service, priority, quote: await quoteNew(deps, branch, service.id, priority), now };
}

/**
 * The issuing statement for a prepared ticket, on `db` (the database, or a caller's transaction):
 * the new row, or the earlier one its Idempotency-Key issued. Refuses a reused key (422), the
 * daily limit (422) and a key whose first request is still at work (409).
 */
export async function insertPreparedTicket(
  db: Executor,
  branch: BranchContext,
  p: PreparedIssue,
  input: IssueInput,
  actor: Actor,
): Promise<{ row: TicketRow; replayed: boolean }> {
  const { service, now, quote } = p;
  const key = input.idempotencyKey ?? null;
  const fingerprint = input.fingerprint ?? JSON.stringify([service.id, input.categoryId ?? null]);
  const day = businessDay(now, branch.timezone);
  const v = input.visitor;
  const inserted = await insertNumberedTicket(db, {
    ticket: {
      branch_id: branch.id,
      service_id: service.id,
      category_id: input.categoryId ?? null,
      code: await unusedTicketCode(db),
      business_day: day,
      status: "waiting",
      priority: p.priority,
      issued_at: now,
      enqueued_at: now,
      origin: input.origin,
      device_id: actor.deviceId ?? null,
      language: input.language ?? null,
      quoted_min_minutes: quote?.wait.minMinutes ?? null,
      quoted_max_minutes: quote?.wait.maxMinutes ?? null,
      quoted_expected_minutes: quote?.wait.expectedMinutes ?? null,
      phone: v?.phone ?? null,
      phone_consent_at: v?.phoneConsentAt ?? null,
      phone_hash: v?.phoneHash ?? null,
      browser_hash: v?.browserHash ?? null,
      arrival_required: v?.arrivalRequired ?? false,
    },
    prefix: service.prefix!,
    dailyLimit: service.daily_limit,
    idempotencyKey: key,
    fingerprint,
    now,
    event: {
      type: "ticket.issued",
      employeeId: actor.employeeId ?? null,
      deviceId: actor.deviceId ?? null,
      data: issuedEventData(service.id, input.categoryId ?? null, { origin: input.origin }),
    },
  });
  if (inserted) return { row: inserted, replayed: false };
  if (key) {
    const earlier = await earlierIssue(db, branch.id, key, fingerprint, now);
    if (earlier) return { row: earlier, replayed: true };
  }
  const issuedToday =
    service.daily_limit === null ? 0 : await countIssuedToday(db, branch.id, service.id, day);
  const limited = takingRefusal(service, issuedToday, now, branch.timezone);
  if (limited) {
    if (key) await releaseIdempotencyKey(db, branch.id, key, now);
    throw limited;
  }
  throw conflict("idempotency_key_in_use", "a request with this Idempotency-Key is being processed; retry");
}

/**
 * The ticket an earlier request with this Idempotency-Key issued (within 24 hours), if any; a key
 * claimed for another request is refused (422).
 */
export async function earlierIssue(
  db: Executor,
  branchId: string,
  key: string,
  fingerprint: string,
  now: Date,
): Promise<TicketRow | undefined> {
  const claim = await findIdempotencyClaim(db, branchId, key);
  const fresh = claim && claim.created_at.getTime() > now.getTime() - 24 * 3_600_000;
  if (fresh && claim.fingerprint !== fingerprint) {
    throw unprocessable(
      "idempotency_key_reused",
      "this Idempotency-Key was used for another request (another service or category)",
    );
  }
  return ticketForIdempotencyKey(db, branchId, key, now);
}

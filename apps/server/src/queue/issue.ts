import { isOffered, type Ticket, treeIndex } from "@dq/shared";
import type { Actor, BranchContext } from "../core/branch-context.ts";
import { conflict, invalidField, unprocessable } from "../core/errors.ts";
import { businessDay } from "./calendar.ts";
import { unusedTicketCode } from "./codes.ts";
import type { QueueDeps } from "./deps.ts";
import { quoteFields, quoteNew, recordedQuote, ticketWithEstimate } from "./estimates.ts";
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

export interface IssueInput {
  serviceId: string;
  categoryId?: string | null;
  language?: string | null;
  idempotencyKey?: string | null;
  origin: "kiosk" | "staff" | "api";
  /** A kiosk configured to offer only some services (or groups of them) issues only those. */
  offeredServiceIds?: readonly string[] | null;
}

export interface IssueResult {
  ticket: Ticket;
  /** True when an earlier request with the same Idempotency-Key already issued this ticket. */
  replayed: boolean;
}

export async function issueTicket(
  deps: QueueDeps,
  branch: BranchContext,
  input: IssueInput,
  actor: Actor,
): Promise<IssueResult> {
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

  // The promise is made from the queue as the visitor finds it, and stored with the ticket.
  const quote = await quoteNew(deps, branch, service.id, priority);
  const key = input.idempotencyKey ?? null;
  const fingerprint = JSON.stringify([service.id, input.categoryId ?? null]);
  const day = businessDay(now, branch.timezone);
  const inserted = await insertNumberedTicket(db, {
    ticket: {
      branch_id: branch.id,
      service_id: service.id,
      category_id: input.categoryId ?? null,
      code: await unusedTicketCode(db),
      business_day: day,
      status: "waiting",
      priority,
      issued_at: now,
      enqueued_at: now,
      origin: input.origin,
      device_id: actor.deviceId ?? null,
      language: input.language ?? null,
      quoted_min_minutes: quote?.wait.minMinutes ?? null,
      quoted_max_minutes: quote?.wait.maxMinutes ?? null,
      quoted_expected_minutes: quote?.wait.expectedMinutes ?? null,
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
  if (inserted) {
    const position = await positionOf(db, inserted);
    const ticket = toTicketDto(inserted, {
      position,
      ...quoteFields(recordedQuote(inserted), branch.timezone),
    });
    return { ticket, replayed: false };
  }
  if (key) {
    const claim = await findIdempotencyClaim(db, branch.id, key);
    if (claim && claim.fingerprint !== fingerprint) {
      throw unprocessable(
        "idempotency_key_reused",
        "this Idempotency-Key was used for another request (another service or category)",
      );
    }
    const earlier = await ticketForIdempotencyKey(db, branch.id, key, now);
    if (earlier) return { ticket: await ticketWithEstimate(deps, branch, earlier), replayed: true };
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

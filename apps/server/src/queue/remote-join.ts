import type { remoteTicketCreateSchema } from "@dq/shared";
import type { z } from "zod";
import type { BranchContext } from "../core/branch-context.ts";
import type { TicketRow } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { businessDay } from "./calendar.ts";
import type { QueueDeps } from "./deps.ts";
import { earlierIssue, type IssueInput, insertPreparedTicket, prepareIssue } from "./issue.ts";
import {
  browserLimitRefusal,
  closingRefusal,
  countRemoteToday,
  disabledRefusal,
  exceedsShare,
  lockRemoteJoins,
  phoneLimitRefusal,
  remoteShareOf,
  shareRefusal,
} from "./remote-limits.ts";
import { visitorHash, visitorHashKey } from "./visitor-hash.ts";

export interface RemoteIssueResult {
  row: TicketRow;
  /** An earlier request with the same Idempotency-Key issued this ticket. */
  replayed: boolean;
}

/**
 * A ticket taken from /join (docs/remote-join.md, "Remote join"): the kiosk's issuing with the
 * remote limits in front of it, checked in the documented order. The caps are counted and the
 * ticket inserted in one transaction under the office's remote-join lock, so two joins at once
 * never both take the last place.
 */
export async function issueRemoteTicket(
  deps: QueueDeps,
  branch: BranchContext,
  body: z.infer<typeof remoteTicketCreateSchema>,
  idempotencyKey: string | null,
): Promise<RemoteIssueResult> {
  const settings = branch.settings.remoteJoin;
  const now = deps.clock();
  const hashKey = await visitorHashKey(deps.db);
  const phoneHash = body.phone ? visitorHash(hashKey, "phone", body.phone) : null;
  const browserHash = body.browserId ? visitorHash(hashKey, "browser", body.browserId) : null;
  const keepPhone = Boolean(body.phone && body.phoneConsent);
  // Hashes, not the number: the key's claim must not keep a phone the visitor did not let us keep.
  const fingerprint = JSON.stringify([
    "remote",
    body.serviceId,
    body.categoryId ?? null,
    phoneHash,
    keepPhone,
    browserHash,
    body.language ?? null,
  ]);
  const replay = async (db: Parameters<typeof earlierIssue>[0]) => {
    const earlier = idempotencyKey
      ? await earlierIssue(db, branch.id, idempotencyKey, fingerprint, now)
      : null;
    return earlier ? { row: earlier, replayed: true } : null;
  };
  // A retry is answered as the first request was, before any cap counts the ticket it issued.
  const first = await replay(deps.db);
  if (first) return first;
  if (!settings.enabled) throw disabledRefusal();
  const input: IssueInput = {
    serviceId: body.serviceId,
    categoryId: body.categoryId ?? null,
    language: body.language ?? null,
    idempotencyKey,
    origin: "remote",
    fingerprint,
    visitor: {
      phone: keepPhone ? body.phone! : null,
      phoneConsentAt: keepPhone ? now : null,
      phoneHash,
      browserHash,
      arrivalRequired: settings.arrivalCheckIn,
    },
  };
  const prepared = await prepareIssue(deps, branch, input);
  if (!prepared.service.remote_join) throw disabledRefusal();
  return inTransaction(deps.db, async (tx) => {
    await lockRemoteJoins(tx, branch.id);
    // The same key sent twice at once: the second waited for the lock, and the first's ticket is there.
    const concurrent = await replay(tx);
    if (concurrent) return concurrent;
    const day = businessDay(prepared.now, branch.timezone);
    if (
      phoneHash &&
      (await countRemoteToday(tx, branch.id, day, "phone_hash", phoneHash)) >= settings.perPhoneDaily
    ) {
      throw phoneLimitRefusal(settings.perPhoneDaily);
    }
    if (
      browserHash &&
      (await countRemoteToday(tx, branch.id, day, "browser_hash", browserHash)) >= settings.perBrowserDaily
    ) {
      throw browserLimitRefusal(settings.perBrowserDaily);
    }
    const share = await remoteShareOf(tx, branch.id, prepared.service.id);
    if (exceedsShare(settings, share.remote, share.waiting)) throw shareRefusal(settings.maxSharePercent);
    const closing = closingRefusal(branch, prepared.service.schedule, prepared.quote?.callAt ?? null, now);
    if (closing) throw closing;
    return insertPreparedTicket(tx, branch, prepared, input, {});
  });
}

import { randomBytes } from "node:crypto";
import { TICKET_CODE_ALPHABET, TICKET_CODE_LENGTH } from "@dq/shared";
import type { Executor } from "../db/executor.ts";

/**
 * The public tracking code of a new ticket (format: `packages/shared/src/ticket-code.ts`): 8
 * symbols of 32, 40 random bits. Unguessable within a ticket's day; never the sequential id.
 */
export function newTicketCode(): string {
  const bytes = randomBytes(TICKET_CODE_LENGTH);
  let code = "";
  for (const b of bytes) code += TICKET_CODE_ALPHABET[b & 31];
  return code;
}

/**
 * A new code no ticket has yet. Codes are unique for ever (a tracking link must not lead to
 * another day's ticket); with 40 bits a repeat becomes likely after about a million tickets, so
 * it is looked for, not left to the unique index to fail the issue.
 */
export async function unusedTicketCode(db: Executor): Promise<string> {
  for (;;) {
    const code = newTicketCode();
    const taken = await db.selectFrom("tickets").select("id").where("code", "=", code).executeTakeFirst();
    if (!taken) return code;
  }
}

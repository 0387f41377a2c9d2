import { randomBytes } from "node:crypto";

// 32 symbols without look-alikes (no 0/o, 1/l): 12 of them carry 60 random bits.
const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** The public tracking code printed as a QR on the ticket. Unguessable; never the sequential id. */
export function newTicketCode(): string {
  const bytes = randomBytes(12);
  let code = "";
  for (const b of bytes) code += ALPHABET[b & 31];
  return code;
}

/**
 * The public tracking code of a ticket: the key to its tracking page, printed on the receipt and
 * shown on the kiosk under the QR code, typed by hand on `/queue`.
 *
 * Symbols come from 32 letters and digits without look-alikes (no 0/o, no 1/l). New codes have 8
 * of them (40 random bits) and are shown in upper case in two groups, "K7QM-4XPA". A ticket lives
 * one business day and the public lookup is rate limited, so 40 bits cannot be guessed in time.
 * Codes issued before have 12 symbols and keep working.
 */
export const TICKET_CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
export const TICKET_CODE_LENGTH = 8;
/** Codes issued before the short format. */
export const LEGACY_TICKET_CODE_LENGTH = 12;

/** The stored form: lower case, 8 (or 12) symbols of the alphabet. */
export const TICKET_CODE_PATTERN = /^(?:[a-km-np-z2-9]{8}|[a-km-np-z2-9]{12})$/;

/**
 * What a visitor typed, in the stored form: any case, with or without dashes and spaces. An upper-case
 * I read as "1" or "l" is taken for the "i" it is (neither 1 nor l is ever printed).
 */
export function normalizeTicketCode(input: string): string {
  return input
    .toLowerCase()
    .replace(/[\s\-‐-―_.]/g, "")
    .replace(/[1l]/g, "i");
}

/** The printed form: upper case in groups of four, "K7QM-4XPA" (an older code: "ABCD-EFGH-JKMN"). */
export function formatTicketCode(code: string): string {
  return (code.toUpperCase().match(/.{1,4}/g) ?? []).join("-");
}

import { normalizeTicketCode, TICKET_CODE_ALPHABET, TICKET_CODE_LENGTH } from "@dq/shared";

/** An appointment's code has the ticket code's symbols and length (docs/appointments.md). */
export const APPOINTMENT_CODE_LENGTH = TICKET_CODE_LENGTH;

/** The on-screen keys: the digits first, then the letters, as printed (upper case). */
export const CODE_KEYS: readonly string[] = [
  ...TICKET_CODE_ALPHABET.replace(/[a-z]/g, ""),
  ...TICKET_CODE_ALPHABET.replace(/[0-9]/g, "").toUpperCase(),
];

/**
 * What a visitor typed so far, kept in the printed form's symbols (upper case, no dash), at most
 * eight; anything outside the alphabet (a dash, a space) is dropped, a typed 1 or L read as I.
 */
export function cleanCodeInput(input: string): string {
  const symbols = normalizeTicketCode(input)
    .split("")
    .filter((c) => TICKET_CODE_ALPHABET.includes(c));
  return symbols.join("").slice(0, APPOINTMENT_CODE_LENGTH).toUpperCase();
}

/** "K7QM4X" → "K7QM-4X··", the eight places shown as the code fills in. */
export function codeSlots(typed: string): string {
  const padded = typed.padEnd(APPOINTMENT_CODE_LENGTH, "·");
  return `${padded.slice(0, 4)}-${padded.slice(4)}`;
}

/**
 * The code in a scanned QR: the confirmation's QR holds the `/b/<code>` page's address; a bare code
 * is taken too. Null when the text holds no code.
 */
export function codeFromScan(text: string): string | null {
  const trimmed = text.trim();
  let candidate = trimmed;
  const match = /\/b\/([^/?#\s]+)/.exec(trimmed);
  if (match) candidate = decodeURIComponent(match[1]!);
  else if (/^[a-z]+:\/\//i.test(trimmed)) return null;
  const code = cleanCodeInput(candidate);
  return code.length === APPOINTMENT_CODE_LENGTH && normalizeTicketCode(candidate).length === code.length
    ? code
    : null;
}

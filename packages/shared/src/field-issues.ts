/**
 * Why a field was refused. Every 400 `validation_error` names one of these codes per field (with
 * `params` where the reason has a number or a list in it); screens translate the code, and the
 * English message is for people reading the API. The schemas and the server's own checks take
 * their messages from this table, so a message always has its code.
 */
export const FIELD_ISSUE_MESSAGES = {
  empty: "must not be empty",
  id: "must be a numeric id string",
  date: "must be a date YYYY-MM-DD",
  color: "must be a colour like #1e88e5",
  time: "must be a time HH:MM between 00:00 and 24:00",
  interval: "`from` must be before `to`",
  prefix: "must be 1–3 capital letters (Latin or Cyrillic)",
  prefixRequired: "a service needs a ticket prefix",
  workstationNumber: "must be 1–8 letters or digits, e.g. 3 or 12A",
  password: "must be at least 8 characters",
  login: "must be 2–64 latin letters, digits or . _ @ -",
  timezone: "must be an IANA timezone such as Europe/Moscow",
  ticketCode: "must be a ticket code: 8 letters and digits such as K7QM-4XPA (older tickets: 12)",
  score: "must be 1 to 5",
  periodOrder: "must not be before `from`",
  periodLength: "a report covers at most three years",
  pauseReasonBothWays: "give reasonId or reason, not both",
  idempotencyKey: "must be 1–200 visible ASCII characters",
  url: "must be an http:// or https:// URL",
  urlCredentials: "must not contain a user name or password",
  email: "must be an e-mail address",
  chatId: "must be a numeric chat id or @channelname",
  channels: "name at least one channel",
  sameChannel: "names the same channel twice",
  wholeClients: "must be a whole number of clients",
  positiveMinutes: "must be more than 0 minutes",
  maxMinutes: "must be at most 1440 minutes",
  phone: "must be a phone number: 10–15 digits, such as +7 912 345-67-89",
  appointmentCode: "must be an appointment code: 8 letters and digits such as K7QM-4XPA",
  instant: "must be a date and time with its UTC offset, such as 2026-12-07T10:00:00+03:00",
  browserId: "must be 16–64 letters, digits, _ or -",
  consentRequired: "tick the consent to keep the phone number for SMS",
  pushEndpoint: "must be an https:// address of a push service",
  pushKey: "must be a base64url key of the browser's push subscription",
  coordinates: "must be a latitude (-90…90) and a longitude (-180…180)",
  // The server's own checks, against the office's data.
  taken: "this value is already used",
  noSuchGroup: "no such service group",
  notAGroup: "must be a group, not a service",
  cycle: "would put the group inside itself",
  bothWays: "give serviceIds or competencies, not both",
  listedTwice: "service {id} is listed twice",
  noSuchServices: "no such services: {ids}",
  noSuchService: "no such service in this office",
  isGroup: "is a group of services: choose a service, or none for all of them",
  unknownService: "no such service",
  groupNotService: "is a group of services, not a service",
  notOffered: "this kiosk does not offer this service",
  notBookable: "this service cannot be booked",
  notRemote: "this service cannot be joined remotely",
  postponeTooFar: "may move back at most {max} places at a time",
  pushEndpointNotPublic: "must be a push service on a public address",
  pushEndpointUnresolved: "the push service's address could not be found just now; try again later",
  blackoutBooked: "visitors are booked on {day} ({count}): cancel their appointments first",
  slotsInUse:
    "{count} visitors are booked on the current slots: change the slot length once they have passed or are cancelled",
  sameService: "must differ from the ticket's current service",
  noSuchCategory: "no such client category",
  noSuchWorkstation: "no such workstation",
  noSuchPauseReason: "no such pause reason",
  nulCharacter: "must not contain the NUL character (\\u0000)",
  loneSurrogate: "must be valid Unicode text (it contains a lone surrogate)",
  keyNulCharacter: "a key must not contain the NUL character (\\u0000)",
  keyLoneSurrogate: "a key must be valid Unicode text (it contains a lone surrogate)",
} as const;

/**
 * Zod's own checks (the message is zod's, `params.n` the bound it names), and `malformed` for a body
 * that is not JSON at all (the message is the framework's).
 */
const GENERIC_CODES = [
  "integer",
  "number",
  "min",
  "max",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "invalid",
  "malformed",
] as const;

/** A code with its own message in the table (what the server's own checks name). */
export type FieldIssueTableCode = keyof typeof FIELD_ISSUE_MESSAGES;
export type FieldIssueCode = FieldIssueTableCode | (typeof GENERIC_CODES)[number];
export const FIELD_ISSUE_CODES: [FieldIssueCode, ...FieldIssueCode[]] = [
  ...GENERIC_CODES,
  ...(Object.keys(FIELD_ISSUE_MESSAGES) as (keyof typeof FIELD_ISSUE_MESSAGES)[]),
];

export type FieldIssueParams = Record<string, string | number>;

/** The English message of a code of the table, with its `{placeholders}` filled in. */
export function fieldIssueMessage(
  code: keyof typeof FIELD_ISSUE_MESSAGES,
  params: FieldIssueParams = {},
): string {
  return FIELD_ISSUE_MESSAGES[code].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
}

const CODE_OF_MESSAGE = new Map<string, FieldIssueCode>(
  Object.entries(FIELD_ISSUE_MESSAGES).map(([code, message]) => [message, code as FieldIssueCode]),
);

/** What a zod issue says, in the few fields this mapping reads (zod 4's issue objects). */
export interface ZodIssueLike {
  code: string;
  message: string;
  origin?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/**
 * The code of a zod issue: the table's code when the schema gave one of its messages, else the kind
 * of zod's own check with the bound it names (`min`, `maxLength`, …), else `invalid`.
 */
export function fieldIssueCode(issue: ZodIssueLike): { code: FieldIssueCode; params?: FieldIssueParams } {
  const known = CODE_OF_MESSAGE.get(issue.message);
  if (known) return { code: known };
  const bound = (n: number | bigint | undefined) => (n === undefined ? undefined : { n: Number(n) });
  if (issue.code === "invalid_type" && issue.expected === "int") return { code: "integer" };
  if (issue.code === "invalid_type" && issue.expected === "number") return { code: "number" };
  if (issue.code === "not_multiple_of") return { code: "integer" };
  if (issue.code === "too_small" && issue.origin === "number")
    return { code: "min", params: bound(issue.minimum) };
  if (issue.code === "too_big" && issue.origin === "number")
    return { code: "max", params: bound(issue.maximum) };
  if (issue.code === "too_small" && issue.origin === "string")
    return Number(issue.minimum) <= 1
      ? { code: "empty" }
      : { code: "minLength", params: bound(issue.minimum) };
  if (issue.code === "too_big" && issue.origin === "string")
    return { code: "maxLength", params: bound(issue.maximum) };
  if (issue.code === "too_small" && issue.origin === "array")
    return { code: "minItems", params: bound(issue.minimum) };
  if (issue.code === "too_big" && issue.origin === "array")
    return { code: "maxItems", params: bound(issue.maximum) };
  return { code: "invalid" };
}

import { z } from "zod";
import { FIELD_ISSUE_MESSAGES } from "../field-issues.ts";
import { phoneSchema } from "./appointments.ts";
import { idSchema, languageSchema, translationsSchema } from "./common.ts";
import { waitEstimateSchema } from "./tickets.ts";

/**
 * Remote join and visitor notifications (docs/remote-join.md): a visitor takes a ticket from his
 * phone, and is told when his turn comes by Telegram, Web Push, SMS or e-mail.
 */

// --- Office settings -------------------------------------------------------------------------

const geofenceSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** How far from that point still counts as "in the office". */
  radiusMeters: z.number().int().min(20).max(5000),
});
export type Geofence = z.infer<typeof geofenceSchema>;

// The fields without defaults: a PATCH changes only what it names.
const remoteJoinFields = {
  /** The office takes tickets from /join at all (each service may still opt out). */
  enabled: z.boolean(),
  /** Remote tickets a day for one phone number, and for one browser. */
  perPhoneDaily: z.number().int().min(1).max(50),
  perBrowserDaily: z.number().int().min(1).max(50),
  /**
   * Remote tickets may be at most this share (percent) of a service's waiting queue, counting the
   * new one; the first two remote tickets of a queue are always let in.
   */
  maxSharePercent: z.number().int().min(1).max(100),
  /** Refuse a join whose expected call falls after the service (or office) closes today. */
  refuseAfterClosing: z.boolean(),
  /** Remote tickets are called only once the visitor says he is here («Я на месте»). */
  arrivalCheckIn: z.boolean(),
  /** Where «Я на месте» is accepted from; null: only with the door's QR code. */
  geofence: geofenceSchema.nullable(),
  /** How often one ticket may move back, and by at most how many places a time. */
  postponeMaxTimes: z.number().int().min(0).max(10),
  postponeMaxPlaces: z.number().int().min(1).max(50),
};
export const remoteJoinSettingsSchema = z.object({
  enabled: remoteJoinFields.enabled.default(true),
  perPhoneDaily: remoteJoinFields.perPhoneDaily.default(2),
  perBrowserDaily: remoteJoinFields.perBrowserDaily.default(3),
  maxSharePercent: remoteJoinFields.maxSharePercent.default(50),
  refuseAfterClosing: remoteJoinFields.refuseAfterClosing.default(true),
  arrivalCheckIn: remoteJoinFields.arrivalCheckIn.default(false),
  geofence: remoteJoinFields.geofence.default(null),
  postponeMaxTimes: remoteJoinFields.postponeMaxTimes.default(2),
  postponeMaxPlaces: remoteJoinFields.postponeMaxPlaces.default(5),
});
export type RemoteJoinSettings = z.infer<typeof remoteJoinSettingsSchema>;
export const remoteJoinSettingsPatchSchema = z.object(remoteJoinFields).partial();

const visitorNotificationFields = {
  /** "Approaching" goes out when this many people are ahead… */
  approachingAhead: z.number().int().min(1).max(50),
  /** …or when the expected call is this many minutes away, whichever comes first. */
  approachingMinutes: z.number().int().min(1).max(120),
  /** Phone numbers (and push and chat addresses) are erased this many days after the ticket's day. */
  retentionDays: z.number().int().min(1).max(365),
};
export const visitorNotificationSettingsSchema = z.object({
  approachingAhead: visitorNotificationFields.approachingAhead.default(3),
  approachingMinutes: visitorNotificationFields.approachingMinutes.default(10),
  retentionDays: visitorNotificationFields.retentionDays.default(30),
});
export type VisitorNotificationSettings = z.infer<typeof visitorNotificationSettingsSchema>;
export const visitorNotificationSettingsPatchSchema = z.object(visitorNotificationFields).partial();

// --- Remote join -----------------------------------------------------------------------------

/** A random id the /join page keeps in the browser, for the per-browser daily cap. */
export const browserIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, FIELD_ISSUE_MESSAGES.browserId);

export const remoteTicketCreateSchema = z.object({
  serviceId: idSchema,
  categoryId: idSchema.nullable().optional(),
  /** Counted for the per-phone cap (as a keyed hash); kept as a number only with `phoneConsent`. */
  phone: phoneSchema.optional(),
  /** The visitor agreed to keep the number for SMS about this ticket (the /join page's checkbox). */
  phoneConsent: z.boolean().optional(),
  browserId: browserIdSchema.optional(),
  language: languageSchema.optional(),
});
export type RemoteTicketCreate = z.input<typeof remoteTicketCreateSchema>;

/** What the /join page shows: the services one may join now, with the queue ahead. */
export const remoteJoinServiceSchema = z.object({
  id: idSchema,
  parentId: idSchema.nullable(),
  isGroup: z.boolean(),
  name: z.string(),
  translations: translationsSchema,
  description: z.string(),
  color: z.string(),
  /** False: closed now, or not joinable remotely just now (see `reason`). */
  open: z.boolean(),
  /** Why not open, in both languages; null when open. */
  reason: z.object({ ru: z.string(), en: z.string() }).nullable(),
  waiting: z
    .number()
    .describe(
      "The people a ticket taken now would have ahead of it: waiting tickets call next may take (remote holders not yet arrived are not counted); 0 for a group",
    ),
  estimatedWait: waitEstimateSchema.nullable(),
});
export const remoteJoinInfoSchema = z.object({
  branchId: idSchema,
  branchName: z.string(),
  branchTranslations: translationsSchema,
  enabled: z.boolean(),
  languages: z.array(languageSchema),
  defaultLanguage: languageSchema,
  services: z.array(remoteJoinServiceSchema),
  /** Client categories the visitor may choose (none: the office does not ask). */
  categories: z.array(z.object({ id: idSchema, name: z.string(), translations: translationsSchema })),
  arrivalCheckIn: z.boolean(),
  /** Channels this server can send through; the page offers only these. */
  channels: z.object({ telegram: z.boolean(), webpush: z.boolean(), sms: z.boolean(), email: z.boolean() }),
});
export type RemoteJoinInfo = z.infer<typeof remoteJoinInfoSchema>;

export const postponeSchema = z.object({ places: z.number().int().min(1).max(50) });

/** «Я на месте»: where the phone is, or the key of the QR code at the door. */
export const arrivalSchema = z.union([
  z.object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    accuracyMeters: z.number().min(0).max(100_000).optional(),
  }),
  z.object({ doorKey: z.string().min(8).max(100) }),
]);
export type Arrival = z.infer<typeof arrivalSchema>;

// --- Subscriptions ---------------------------------------------------------------------------

export const VISITOR_CHANNELS = ["telegram", "webpush", "sms", "email"] as const;
export const visitorChannelSchema = z.enum(VISITOR_CHANNELS);
export type VisitorChannel = z.infer<typeof visitorChannelSchema>;

/** What a visitor is told about; each at most once per occurrence. */
export const VISITOR_EVENTS = [
  "joined",
  "approaching",
  "called",
  "recalled",
  "redirected",
  "finished",
  "reminder_day",
  "reminder_hour",
] as const;
export type VisitorEvent = (typeof VISITOR_EVENTS)[number];

const base64urlKey = z.string().regex(/^[A-Za-z0-9_-]{16,200}={0,2}$/, FIELD_ISSUE_MESSAGES.pushKey);

/** The browser's PushSubscription as `subscription.toJSON()` gives it. */
export const pushSubscriptionSchema = z.object({
  endpoint: z.url(FIELD_ISSUE_MESSAGES.pushEndpoint).max(2000),
  keys: z.object({ p256dh: base64urlKey, auth: base64urlKey }),
});

export const subscriptionCreateSchema = z.discriminatedUnion("channel", [
  /** Answered with the bot's link: the chat is bound when the visitor sends /start <code>. */
  z.object({ channel: z.literal("telegram"), language: languageSchema.optional() }),
  z.object({
    channel: z.literal("webpush"),
    subscription: pushSubscriptionSchema,
    language: languageSchema.optional(),
  }),
  z.object({
    channel: z.literal("sms"),
    phone: phoneSchema,
    /** The number is kept only with the visitor's consent. */
    consent: z.literal(true, FIELD_ISSUE_MESSAGES.consentRequired),
    language: languageSchema.optional(),
  }),
  z.object({
    channel: z.literal("email"),
    email: z.email(FIELD_ISSUE_MESSAGES.email).max(320),
    language: languageSchema.optional(),
  }),
]);
export type SubscriptionCreate = z.input<typeof subscriptionCreateSchema>;

/** A subscription as its holder sees it: the recipient masked ("+7 *** ***-**-89", "a***@mail.ru"). */
export const visitorSubscriptionSchema = z.object({
  id: idSchema,
  channel: visitorChannelSchema,
  recipient: z.string(),
  createdAt: z.string(),
});
export type VisitorSubscription = z.infer<typeof visitorSubscriptionSchema>;

/** The answer to subscribing by Telegram: the link that opens the bot with /start <code>. */
export const telegramLinkSchema = z.object({ channel: z.literal("telegram"), link: z.string() });

/** What the tracking page needs to offer notifications: GET /api/v1/tickets/:code/notifications. */
export const ticketNotifySchema = z.object({
  /** https://t.me/<bot>?start=<code>; null without a bot. */
  telegramLink: z.string().nullable(),
  /** The VAPID public key for PushManager.subscribe; null when Web Push is off. */
  webPushPublicKey: z.string().nullable(),
  sms: z.boolean(),
  email: z.boolean(),
  subscriptions: z.array(visitorSubscriptionSchema),
});
export type TicketNotify = z.infer<typeof ticketNotifySchema>;

/**
 * What a one-tap unsubscribe (`POST /api/v1/unsubscribe/:token`, 200) stopped, for the `/u/<token>`
 * page to say: the channel, the recipient masked, and the ticket or appointment it was about.
 */
export const unsubscribeResultSchema = z.object({
  channel: visitorChannelSchema,
  recipient: z.string(),
  /** The ticket's code and label (null for an appointment's subscription). */
  ticketCode: z.string().nullable(),
  ticketLabel: z.string().nullable(),
  /** The appointment's code (null for a ticket's subscription). */
  appointmentCode: z.string().nullable(),
});
export type UnsubscribeResult = z.infer<typeof unsubscribeResultSchema>;

export const unsubscribeParamsSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });
export const subscriptionParamsSchema = z.object({ code: z.string(), id: idSchema });

/** A staff screen's view of a phone: "+7 *** ***-**-89". */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, phone.startsWith("+7") ? 2 : 3)} *** ***-**-${phone.slice(-2)}`;
}

/** "a***@mail.ru". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at <= 0 ? "***" : `${email[0]}***${email.slice(at)}`;
}

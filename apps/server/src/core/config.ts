import { z } from "zod";

const boolFromEnv = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  DQ_DATA_DIR: z.string().min(1).default("./data"),
  DQ_ADMIN_LOGIN: z
    .string()
    .regex(/^[a-zA-Z0-9._@-]{2,64}$/)
    .default("admin"),
  DQ_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  DQ_DEMO: boolFromEnv.optional(),
  DQ_DEMO_HISTORY_DAYS: z.coerce.number().int().min(0).max(366).default(7),
  DQ_TZ: z.string().default("Europe/Moscow"),
  DQ_PUBLIC_URL: z.url().optional(),
  DQ_ALLOWED_ORIGINS: z.string().default(""),
  DQ_SESSION_TTL_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 90)
    .default(12),
  DQ_TRUST_PROXY: z
    .string()
    .regex(
      /^(0|1|true|false|yes|no|on|off|[0-9a-zA-Z:./]+(\s*,\s*[0-9a-zA-Z:./]+)*)$/,
      "must be 0, 1, or the proxies' addresses/CIDRs, comma-separated",
    )
    .default("0"),
  DQ_WEB_DIST: z.string().optional(),
  DQ_ALERT_INTERVAL_SECONDS: z.coerce.number().min(1).max(3600).default(15),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  SMTP_FROM: z.string().min(3).default("DigitalQueue <digitalqueue@localhost>"),
  DQ_TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, "must be a bot token like 123456:ABC-DEF…")
    .optional(),
  DQ_TELEGRAM_API_URL: z
    .url()
    // The bot token goes into the path; credentials in the URL would leak into error messages.
    .refine((u) => !/^[a-z]+:\/\/[^/?#]*@/i.test(u), "must not contain a user name or password")
    .default("https://api.telegram.org"),
  /** With it, Telegram sends updates to POST /api/v1/telegram/webhook (needs DQ_PUBLIC_URL); without, one instance polls. */
  DQ_TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 letters, digits, _ or -")
    .optional(),
  /** Web Push keys (both or neither); without them the server generates a pair once and keeps it. */
  DQ_VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{80,100}$/, "must be a base64url P-256 public key")
    .optional(),
  DQ_VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{40,50}$/, "must be a base64url P-256 private key")
    .optional(),
  /** Who runs this push sender (mailto: or https:), told to push services. */
  DQ_VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, "must be a mailto: or https:// address")
    .optional(),
  /** host:port pairs Web Push may reach although not public (tests' local receivers). */
  DQ_PUSH_ALLOWED_HOSTS: z.string().default(""),
  /** The SMS gateway: a URL with {phone} and {text} placeholders (see docs/remote-join.md). */
  DQ_SMS_URL: z.url().optional(),
  DQ_SMS_METHOD: z.enum(["GET", "POST"]).default("POST"),
  /** The POST body with {phone} and {text}; encoded as DQ_SMS_CONTENT_TYPE says. */
  DQ_SMS_BODY: z.string().max(4000).optional(),
  DQ_SMS_CONTENT_TYPE: z
    .enum(["application/json", "application/x-www-form-urlencoded"])
    .default("application/json"),
  /** The Authorization header's value for the gateway ("Bearer …", "Basic …"); never logged. */
  DQ_SMS_AUTHORIZATION: z.string().max(1000).optional(),
  // Never echoed in an error: the messages name the variable and the rule only.
  DQ_METRICS_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters")
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
    .optional(),
  DQ_SSE_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(200),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string | null };
  adminLogin: string;
  adminPassword: string | undefined;
  demo: boolean;
  /** Days of past history the demo office gets on its first start, for reports to show something. */
  demoHistoryDays: number;
  defaultTimezone: string;
  publicUrl: string | undefined;
  allowedOrigins: string[];
  sessionTtlHours: number;
  /** Whose X-Forwarded-* to believe: nobody, or proxies at these addresses (proxy-addr syntax). */
  trustProxy: false | string[];
  webDist: string | undefined;
  logLevel: string;
  alerts: AlertsConfig;
  /** Bearer token for GET /metrics; without one, only loopback clients may read it. */
  metricsToken: string | undefined;
  /** Event streams one client address may hold open at once. */
  sseMaxPerAddress: number;
  visitors: VisitorChannelsConfig;
}

/** Where visitor messages go out besides the alerts' SMTP and Telegram (docs/remote-join.md). */
export interface VisitorChannelsConfig {
  telegramWebhookSecret: string | null;
  vapid: { publicKey: string; privateKey: string } | null;
  vapidSubject: string;
  /** "host:port" pairs exempt from the push SSRF guard. */
  pushAllowedHosts: string[];
  sms: {
    url: string;
    method: "GET" | "POST";
    body: string | null;
    contentType: "application/json" | "application/x-www-form-urlencoded";
    authorization: string | null;
  } | null;
}

/** Where alert messages go out (docs/PRODUCT.md §6); a channel without its settings cannot be used. */
export interface AlertsConfig {
  intervalSeconds: number;
  smtp: { url: string; from: string } | null;
  telegram: { token: string; apiUrl: string } | null;
}

/** Reads the environment once at start-up and fails fast, naming the variable, on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=` in a compose file) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n  ");
    throw new Error(`invalid configuration:\n  ${problems}`);
  }
  const e = parsed.data;
  try {
    new Intl.DateTimeFormat("en", { timeZone: e.DQ_TZ });
  } catch {
    throw new Error(`invalid configuration:\n  DQ_TZ: unknown timezone ${e.DQ_TZ}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL }
      : { kind: "pglite", dataDir: e.DQ_DATA_DIR },
    adminLogin: e.DQ_ADMIN_LOGIN,
    adminPassword: e.DQ_ADMIN_PASSWORD,
    // The demo office is for trying the product: on by default only on the embedded database.
    demo: e.DQ_DEMO ?? !e.DATABASE_URL,
    demoHistoryDays: e.DQ_DEMO_HISTORY_DAYS,
    defaultTimezone: e.DQ_TZ,
    publicUrl: e.DQ_PUBLIC_URL?.replace(/\/$/, ""),
    allowedOrigins: e.DQ_ALLOWED_ORIGINS.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    sessionTtlHours: e.DQ_SESSION_TTL_HOURS,
    trustProxy: parseTrustProxy(e.DQ_TRUST_PROXY),
    webDist: e.DQ_WEB_DIST,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.DQ_METRICS_TOKEN,
    sseMaxPerAddress: e.DQ_SSE_MAX_PER_ADDRESS,
    alerts: {
      intervalSeconds: e.DQ_ALERT_INTERVAL_SECONDS,
      smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null,
      telegram: e.DQ_TELEGRAM_BOT_TOKEN
        ? { token: e.DQ_TELEGRAM_BOT_TOKEN, apiUrl: e.DQ_TELEGRAM_API_URL.replace(/\/$/, "") }
        : null,
    },
    visitors: {
      telegramWebhookSecret: e.DQ_TELEGRAM_WEBHOOK_SECRET ?? null,
      vapid: vapidKeys(e.DQ_VAPID_PUBLIC_KEY, e.DQ_VAPID_PRIVATE_KEY),
      vapidSubject:
        e.DQ_VAPID_SUBJECT ??
        (e.DQ_PUBLIC_URL?.startsWith("https://") ? e.DQ_PUBLIC_URL : "mailto:digitalqueue@localhost"),
      pushAllowedHosts: e.DQ_PUSH_ALLOWED_HOSTS.split(",")
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
      sms: e.DQ_SMS_URL
        ? {
            url: e.DQ_SMS_URL,
            method: e.DQ_SMS_METHOD,
            body: e.DQ_SMS_BODY ?? null,
            contentType: e.DQ_SMS_CONTENT_TYPE,
            authorization: e.DQ_SMS_AUTHORIZATION ?? null,
          }
        : null,
    },
  };
}

function vapidKeys(publicKey: string | undefined, privateKey: string | undefined) {
  if (!publicKey !== !privateKey)
    throw new Error(
      "invalid configuration:\n  DQ_VAPID_PUBLIC_KEY and DQ_VAPID_PRIVATE_KEY: set both or neither",
    );
  return publicKey && privateKey ? { publicKey, privateKey } : null;
}

/**
 * `1` (or `true`) trusts a proxy on this host or a private network (nginx beside the app, a Docker
 * network) — never every hop, which would let any client choose its own address with
 * X-Forwarded-For. Listing the proxies' addresses is stricter still.
 */
function parseTrustProxy(value: string): false | string[] {
  if (["0", "false", "no", "off"].includes(value)) return false;
  if (["1", "true", "yes", "on"].includes(value)) return ["loopback", "uniquelocal"];
  return value.split(",").map((s) => s.trim());
}

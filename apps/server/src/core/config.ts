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
  };
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

import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyRequest, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { Clock } from "./core/clock.ts";
import type { Config } from "./core/config.ts";
import { DomainError } from "./core/errors.ts";
import type { Database } from "./db/database.ts";
import { EventHub } from "./events/hub.ts";
import { authPlugin } from "./http/auth-plugin.ts";
import { registerErrorHandling, sendNoRoute } from "./http/error-handler.ts";
import { OPENAPI_TAGS, openApiTransform, requireOperationIds } from "./http/openapi.ts";
import { serverOptions } from "./http/server-options.ts";
import type { App } from "./http/types.ts";
import { alertRoutes } from "./modules/alerts/routes.ts";
import { type ChannelSenders, createSenders } from "./modules/alerts/senders.ts";
import { appointmentsModule } from "./modules/appointments/routes.ts";
import { auditRoutes } from "./modules/audit/routes.ts";
import { authRoutes } from "./modules/auth/routes.ts";
import { boardRoutes } from "./modules/board/routes.ts";
import { categoryRoutes } from "./modules/categories/routes.ts";
import { dashboardRoutes } from "./modules/dashboard/routes.ts";
import { demoHistoryRoutes } from "./modules/demo-history/routes.ts";
import { deviceRoutes } from "./modules/devices/routes.ts";
import { employeeRoutes } from "./modules/employees/routes.ts";
import { eventRoutes } from "./modules/events/routes.ts";
import { healthRoutes } from "./modules/health/routes.ts";
import { kioskRoutes } from "./modules/kiosk/routes.ts";
import { metricsPlugin } from "./modules/metrics/routes.ts";
import { createVisitorChannels, type VisitorChannels } from "./modules/notifications/channels.ts";
import { subscriptionRoutes } from "./modules/notifications/subscription-routes.ts";
import { telegramWebhookRoutes } from "./modules/notifications/telegram-webhook.ts";
import { operatorRoutes } from "./modules/operator/routes.ts";
import { queueAdminRoutes } from "./modules/queue-admin/routes.ts";
import { remoteJoinRoutes } from "./modules/remote-join/routes.ts";
import { reportRoutes } from "./modules/reports/routes.ts";
import { serviceRoutes } from "./modules/services/routes.ts";
import { settingsRoutes } from "./modules/settings/routes.ts";
import { ticketRoutes } from "./modules/tickets/routes.ts";
import { workstationRoutes } from "./modules/workstations/routes.ts";
import { WaitForecasts } from "./queue/forecast/cache.ts";

export interface BuildAppOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Alert channels; tests pass their own receivers' settings through `config.alerts` instead. */
  senders?: ChannelSenders;
  /** What visitors can be told through; made from `config` and the database when not given. */
  visitorChannels?: VisitorChannels;
  logger?: FastifyServerOptions["logger"];
}

/** Builds the whole HTTP application without listening: server.ts listens, tests use inject(). */
export async function buildApp({
  config,
  database,
  clock = () => new Date(),
  visitorChannels = createVisitorChannels(config, database.db),
  senders = createSenders(config.alerts, {
    config: config.visitors,
    vapidKeys: () => visitorChannels.vapidKeys(),
  }),
  logger,
}: BuildAppOptions): Promise<App> {
  const app = Fastify({
    ...serverOptions(),
    logger: logger ?? loggerOptions(config),
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    requestIdHeader: "x-request-id",
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const hub = new EventHub(database.db, app.log);
  app.decorate("deps", {
    db: database.db,
    reports: database.reports,
    clock,
    config,
    hub,
    senders,
    visitorChannels,
    forecasts: new WaitForecasts(),
  });
  app.addHook("onClose", async () => senders.close());
  await hub.start(database);
  app.addHook("onClose", async () => hub.stop());

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "DigitalQueue API",
        version: "1",
        description: [
          "Electronic queue management. Every failure answers `{error: {code, message, details}}`.",
          "While the database is unreachable, requests that need it answer 503 `database_unavailable` with `Retry-After`.",
          "Before routing, the server may also answer 408 (a request that did not arrive within 30 s) and 431 (headers over 16 KB), in the same shape.",
        ].join(" "),
        contact: { name: "The DigitalQueue project" },
        license: { name: "MIT", identifier: "MIT" },
      },
      servers: [{ url: "/", description: "This server" }],
      tags: [...OPENAPI_TAGS],
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "dq_session" },
          bearer: {
            type: "http",
            scheme: "bearer",
            description: "device token (dqd_…) or API token (dqa_…)",
          },
        },
      },
    },
    transform: openApiTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "data:", "blob:"],
        "connect-src": ["'self'"],
        "upgrade-insecure-requests": null,
      },
    },
    // The tracking page and boards may be shown on other origins' screens; nothing sensitive is framed.
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    // After body parsing, so a limit can be keyed by the login being tried, not only the address.
    hook: "preHandler",
    // Thrown by the plugin; rendered by the one error handler like every other failure.
    errorResponseBuilder: (_req, ctx) =>
      new DomainError(429, "rate_limited", `too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} s`, {
        retryAfterSeconds: Math.ceil(ctx.ttl / 1000),
      }),
  });
  registerErrorHandling(app);
  await app.register(authPlugin, {
    db: database.db,
    sessionTtlHours: config.sessionTtlHours,
    allowedOrigins: config.allowedOrigins,
  });

  requireOperationIds(app);
  await app.register(metricsPlugin, { database });
  await registerModules(app);

  registerWebApp(app, config);
  return app;
}

/** Every module's routes, in the order they are registered. */
const MODULES = [
  healthRoutes,
  authRoutes,
  serviceRoutes,
  categoryRoutes,
  workstationRoutes,
  employeeRoutes,
  deviceRoutes,
  settingsRoutes,
  auditRoutes,
  ticketRoutes,
  kioskRoutes,
  remoteJoinRoutes,
  appointmentsModule,
  subscriptionRoutes,
  telegramWebhookRoutes,
  operatorRoutes,
  queueAdminRoutes,
  dashboardRoutes,
  reportRoutes,
  demoHistoryRoutes,
  alertRoutes,
  boardRoutes,
  eventRoutes,
] as const;

async function registerModules(app: App) {
  for (const routes of MODULES) await app.register(routes);
}

/**
 * JSON logs with request ids. Boards and counters pass their device token in the URL (EventSource
 * cannot send headers), so logged URLs have `token=` values masked.
 */
export function loggerOptions(config: Pick<Config, "logLevel">) {
  return {
    level: config.logLevel,
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
      }),
    },
  };
}

export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, "$1[redacted]");
}

/** Serves the built web app: hashed assets cached for a year, every other page gets index.html. */
function registerWebApp(app: App, config: Config) {
  const dist = resolve(config.webDist ?? join(import.meta.dirname, "../../web/dist"));
  if (!existsSync(join(dist, "index.html"))) {
    app.log.warn({ dist }, "web app not built: run `npm run build` to serve the UI");
    return;
  }
  app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    index: false,
    // The build writes .br/.gz beside each asset (scripts/compress-assets.mjs).
    preCompressed: true,
    setHeaders(res, path) {
      res.header(
        "cache-control",
        path.includes(`${join(dist, "assets")}`) ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  app.register(async (scope) => {
    scope.get("/assets/*", { schema: { hide: true } }, (request, reply) =>
      reply.sendFile(`assets/${(request.params as { "*": string })["*"]}`),
    );
    scope.get("/*", { schema: { hide: true } }, (request, reply) => {
      const path = (request.params as { "*": string })["*"];
      if (path.startsWith("api/")) return sendNoRoute(reply, request.method, request.url);
      if (path && existsSync(join(dist, path)) && !path.includes("..")) return reply.sendFile(path);
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    });
  });
}

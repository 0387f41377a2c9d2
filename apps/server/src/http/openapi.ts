import { errorBodySchema } from "@dq/shared";
import type { FastifyDynamicSwaggerOptions } from "@fastify/swagger";
import type { FastifyInstance, RouteOptions } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Access } from "./principal.ts";

type Transform = NonNullable<FastifyDynamicSwaggerOptions["transform"]>;
type JsonObject = Record<string, unknown>;

/** The document's groups of operations; every route's tag must be one of them. */
export const OPENAPI_TAGS = [
  {
    name: "health",
    description: "Liveness, readiness and Prometheus metrics, for load balancers and monitoring",
  },
  { name: "auth", description: "Staff sign-in and sessions" },
  {
    name: "directories",
    description: "Services, categories, pause reasons, workstations, employees, devices, API tokens",
  },
  { name: "settings", description: "Branches, branch settings and the audit log" },
  { name: "tickets", description: "Issuing tickets, and a visitor's own ticket by its code" },
  { name: "kiosk", description: "What a kiosk shows" },
  {
    name: "appointments",
    description:
      "Booking a time online, one's own appointment by its code, check-in at the kiosk, the day's list",
  },
  { name: "operator", description: "An operator's workplace: workstation, pauses, calling and serving" },
  {
    name: "queue management",
    description: "Supervisors: move, cancel and send tickets; open and close services",
  },
  { name: "dashboard", description: "The live state of the office" },
  { name: "reports", description: "Statistics and the ticket history, as JSON, CSV or XLSX" },
  { name: "alerts", description: "Alert rules and the alerts they raised" },
  { name: "board", description: "What boards, counter displays and the public overview show" },
  { name: "live", description: "Server-Sent Events" },
] as const;

type ErrorStatus = 401 | 409 | 422 | 429;

/**
 * Failures a route answers beyond those every route of its kind does (see `standardFailures`):
 * `response: { 200: x, ...errorResponses(409, 422) }`.
 */
export function errorResponses(...statuses: ErrorStatus[]) {
  return Object.fromEntries(statuses.map((s) => [s, errorBodySchema])) as Record<
    ErrorStatus,
    typeof errorBodySchema
  >;
}

const ERROR_DESCRIPTIONS: Record<string, string> = {
  400: "Bad input: `details` lists `{field, code, message, params?}` for each field; `code` (e.g. `empty`, `max` with `params.n`) is stable, for translation",
  401: "Not signed in, or the token is invalid or revoked",
  403: "This role, device or token may not do this here (or a cross-site request)",
  404: "No such object, or no such branch (`X-Branch-Id`)",
  409: "Conflicting state, e.g. a transition that is not allowed now",
  413: "The body is larger than 256 KB",
  414: "A path parameter is longer than 100 characters",
  415: "The body is not `application/json`",
  422: "A rule forbids it, e.g. the service is closed or its daily limit is reached",
  429: "Too many requests: wait `Retry-After` seconds (also in `details.retryAfterSeconds`)",
  503: "The database is unreachable for the moment: try again after `Retry-After` seconds",
};

const errorJson = z.toJSONSchema(errorBodySchema, { target: "draft-2020-12" }) as JsonObject;
delete errorJson.$schema;

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The failures every route of a kind can answer, whatever its handler does. */
function standardFailures(url: string, method: string, access: Access | undefined): string[] {
  if (!url.startsWith("/api/v1")) return [];
  const isPublic = !access || access === "public";
  return [
    "400", // schema validation; a malformed `X-Branch-Id`
    ...(isPublic ? [] : ["401"]),
    "403", // roles; cross-site writes; a token used for another branch
    "404", // the object, or the branch named by `X-Branch-Id`
    ...(BODY_METHODS.has(method) ? ["413", "415"] : []),
    ...(url.includes(":") ? ["414"] : []),
    "503",
  ];
}

const BRANCH_HEADER = {
  type: "string",
  pattern: "^[1-9][0-9]{0,17}$",
  description:
    "The branch to work in (or the `branchId` query parameter). Without it: the device's or token's branch, or the employee's first one.",
};

const SSE_DESCRIPTION = [
  "`text/event-stream`. Each event: `id:` (event log id), `event:` (type), `data:` (JSON).",
  "Every 15 s a comment line `: heartbeat` keeps proxies from closing the stream (`heartbeat=event` sends a `heartbeat` event instead).",
  "On reconnect, `Last-Event-ID` (or `lastEventId`) replays what was missed, each event once.",
].join(" ");

/** Who may call a route, as OpenAPI security requirements (an empty list: anyone). */
function security(access: Access | undefined) {
  if (!access || access === "public") return [];
  const bearer = (access.devices?.length ?? 0) > 0 || (access.role !== undefined && !access.employeeOnly);
  return [...(access.role ? [{ session: [] }] : []), ...(bearer ? [{ bearer: [] }] : [])];
}

function describeAccess(access: Access | undefined): string {
  if (!access || access === "public") return "Public.";
  const parts = [];
  if (access.role) parts.push(`staff with the role ${access.role} or higher`);
  if (access.role && !access.employeeOnly) parts.push("API tokens of that role");
  if (access.devices?.length) parts.push(`devices: ${access.devices.join(", ")}`);
  return `Allowed: ${parts.join("; ")}.`;
}

/** Routes that answer something other than JSON. */
function specialSuccess(url: string, responses: Record<string, JsonObject>) {
  if (url === "/api/v1/events") {
    responses["200"] = {
      description: SSE_DESCRIPTION,
      content: { "text/event-stream": { schema: { type: "string" } } },
    };
  }
  if (url === "/metrics") {
    responses["200"] = {
      description: "Prometheus text exposition format",
      content: { "text/plain": { schema: { type: "string" } } },
    };
  }
  if (/^\/api\/v1\/appointments\/(:code|\{code\})\/ics$/.test(url)) {
    responses["200"] = {
      description: "An iCalendar file (RFC 5545) with one event",
      content: { "text/calendar": { schema: { type: "string" } } },
    };
  }
  if (url === "/api/v1/reports/tickets") {
    const { description: _, ...json } = responses["200"] ?? {};
    responses["200"] = {
      description:
        "`format=json`: a page of rows; `csv` and `xlsx`: the whole filtered history as a download",
      content: {
        "application/json": { schema: json },
        "text/csv": { schema: { type: "string" } },
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
          schema: { type: "string", contentEncoding: "binary" },
        },
      },
    };
  }
}

/**
 * The OpenAPI document is generated from the routes' zod schemas; this adds what the schemas do
 * not say: who may call each route, every failure status it can answer (in the one error shape),
 * the `X-Branch-Id` header, 204 responses without a body and the non-JSON content types. Only the
 * document changes, not the routes.
 */
export const openApiTransform: Transform = (input) => {
  const out = jsonSchemaTransform(input as never) as { schema: JsonObject; url: string };
  if (out.schema.hide) return out;
  const schema = { ...out.schema };
  const access = input.route?.config?.access as Access | undefined;
  const method = String(input.route?.method ?? "GET");
  const responses: Record<string, JsonObject> = {
    ...((schema.response as Record<string, JsonObject> | undefined) ?? {}),
  };

  specialSuccess(input.url, responses);
  if (input.url === "/metrics") {
    responses["401"] = { ...errorJson, description: "DQ_METRICS_TOKEN is set and the request lacks it" };
    responses["403"] = {
      ...errorJson,
      description: "DQ_METRICS_TOKEN is not set and the client is not loopback",
    };
  }
  for (const status of standardFailures(input.url, method, access)) responses[status] ??= { ...errorJson };
  for (const [status, body] of Object.entries(responses)) {
    if (status === "204") responses[status] = { type: "null", description: "No content" };
    else if (!("description" in body)) {
      responses[status] = { ...body, description: ERROR_DESCRIPTIONS[status] ?? "Success" };
    }
  }
  schema.response = responses;

  if (input.url.startsWith("/api/v1")) {
    const headers = (schema.headers as JsonObject | undefined) ?? { type: "object", properties: {} };
    schema.headers = {
      ...headers,
      properties: { ...(headers.properties as JsonObject), "x-branch-id": BRANCH_HEADER },
    };
  }
  schema.security = security(access);
  schema.description = [schema.description, describeAccess(access)].filter(Boolean).join("\n\n");
  return { ...out, schema };
};

/**
 * Every documented route names its operation (code generators make method names of them) and
 * belongs to a declared tag; checked when the route is added, like the access rules.
 */
export function requireOperationIds(app: FastifyInstance) {
  const seen = new Map<string, string>();
  const tags = new Set<string>(OPENAPI_TAGS.map((t) => t.name));
  app.addHook("onRoute", (route: RouteOptions) => {
    const schema = route.schema as { hide?: boolean; operationId?: string; tags?: string[] } | undefined;
    if (!schema || schema.hide || route.method === "HEAD") return;
    const name = `${String(route.method)} ${route.url}`;
    const id = schema.operationId;
    if (!id || !/^[a-z][A-Za-z0-9]*$/.test(id)) throw new Error(`route ${name} has no camelCase operationId`);
    const other = seen.get(id);
    if (other && other !== name) throw new Error(`operationId ${id} is used by ${other} and ${name}`);
    seen.set(id, name);
    const tag = schema.tags?.[0];
    if (schema.tags?.length !== 1 || !tag || !tags.has(tag)) {
      throw new Error(`route ${name} must have exactly one of the tags in OPENAPI_TAGS`);
    }
  });
}

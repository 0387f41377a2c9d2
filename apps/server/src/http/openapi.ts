import { errorBodySchema } from "@dq/shared";
import type { FastifyDynamicSwaggerOptions } from "@fastify/swagger";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Access } from "./principal.ts";

type Transform = NonNullable<FastifyDynamicSwaggerOptions["transform"]>;
type Responses = Record<string, Record<string, unknown>>;

const errorJson = z.toJSONSchema(errorBodySchema) as Record<string, unknown>;
delete errorJson.$schema;

const ERROR_DESCRIPTIONS: Record<string, string> = {
  400: "Bad input: `details` lists `{field, message}` for each field",
  401: "Not signed in, or the token is invalid or revoked",
  403: "Signed in, but this role or device may not do this (or a cross-site request)",
  404: "No such object",
  409: "Conflicting state, e.g. a transition that is not allowed now",
  422: "A rule forbids it, e.g. the service is closed or its daily limit is reached",
  429: "Too many requests: `details.retryAfterSeconds`",
};

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

/**
 * The OpenAPI document is generated from the routes' zod schemas; this adds what the schemas do
 * not say: who may call each route, the one error shape on every failure status, 204 responses
 * without a body, and the event stream's content type. Only the document changes, not the routes.
 */
export const openApiTransform: Transform = (input) => {
  const out = jsonSchemaTransform(input as never) as { schema: Record<string, unknown>; url: string };
  const schema = { ...out.schema };
  const access = input.route?.config?.access as Access | undefined;
  const responses: Responses = { ...((schema.response as Responses | undefined) ?? {}) };

  if (input.url === "/api/v1/events") {
    responses["200"] = {
      description: "`text/event-stream`: `id:` (event log id), `event:` (type), `data:` (JSON)",
      content: { "text/event-stream": { schema: { type: "string" } } },
    };
  }
  if (input.url === "/metrics") {
    responses["200"] = {
      description: "Prometheus text exposition format",
      content: { "text/plain": { schema: { type: "string" } } },
    };
    responses["401"] = { ...errorJson, description: "DQ_METRICS_TOKEN is set and the request lacks it" };
    responses["403"] = {
      ...errorJson,
      description: "DQ_METRICS_TOKEN is not set and the client is not loopback",
    };
  }
  for (const [status, body] of Object.entries(responses)) {
    if (status === "204") responses[status] = { type: "null", description: "No content" };
    else if (body && !("description" in body)) responses[status] = { ...body, description: "Success" };
  }
  const failures = ["400", ...(access && access !== "public" ? ["401", "403"] : []), "404", "409", "422"];
  if (input.url.startsWith("/api/v1/auth/login") || input.url.includes("/rating")) failures.push("429");
  for (const status of failures) {
    responses[status] ??= { ...errorJson, description: ERROR_DESCRIPTIONS[status] };
  }
  schema.response = responses;
  schema.security = security(access);
  schema.description = [schema.description, describeAccess(access)].filter(Boolean).join("\n\n");
  return { ...out, schema };
};

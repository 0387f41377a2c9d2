import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { App } from "../../src/http/types.ts";

type JsonObject = Record<string, any>;

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  responses: JsonObject;
}

/** Paths the document describes; anything else (the web app, its assets) is not the API. */
const DOCUMENTED = /^\/(api\/v1\/|healthz$|readyz$|metrics$)/;

/**
 * Checks answers against the app's own OpenAPI document: the status must be documented for the
 * operation, and a JSON body must match that status's schema. The integration suite runs every
 * response it receives through this, so the document cannot drift from what the server does.
 */
export class OpenApiContract {
  readonly #operations: Operation[] = [];
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(document: JsonObject) {
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.#ajv);
    this.#ajv.addSchema({ $id: "doc", components: document.components ?? {} });
    for (const [template, item] of Object.entries<JsonObject>(document.paths ?? {})) {
      for (const [method, op] of Object.entries<JsonObject>(item)) {
        const regex = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
        this.#operations.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${regex}$`),
          params: (template.match(/\{/g) ?? []).length,
          responses: op.responses ?? {},
        });
      }
    }
    // A literal segment wins over a parameter (`/alert-rules/channels` over `/alert-rules/{id}`).
    this.#operations.sort((a, b) => a.params - b.params);
  }

  /** Why the answer breaks the contract, or null when it keeps it. */
  violation(method: string, url: string, status: number, contentType: string, body: unknown): string | null {
    const path = url.split("?")[0]!;
    if (!DOCUMENTED.test(path)) return null;
    const upper = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
    const matches = this.#operations.filter((o) => o.pattern.test(decodeURIPath(path)));
    const op = matches.find((o) => o.method === upper);
    if (!op) {
      // No such route: the one 404 (or 405) shape, which the document cannot list per path.
      return status === 404 || status === 405 ? null : `${method} ${path}: no such operation, yet ${status}`;
    }
    const where = `${upper} ${op.template} → ${status}`;
    const response = op.responses[String(status)];
    if (!response)
      return `${where}: status not documented (documented: ${Object.keys(op.responses).join(", ")})`;
    const content = response.content as JsonObject | undefined;
    if (!content)
      return body === "" || body === undefined || body === null ? null : `${where}: undocumented body`;
    const mediaType = contentType.split(";")[0]!.trim();
    const media = content[mediaType];
    if (!media)
      return `${where}: content type ${mediaType} not documented (${Object.keys(content).join(", ")})`;
    if (mediaType !== "application/json" || !media.schema) return null;
    const key = `${where} ${mediaType}`;
    let validate = this.#compiled.get(key);
    if (!validate) {
      validate = this.#ajv.compile(rewriteRefs(media.schema) as JsonObject);
      this.#compiled.set(key, validate);
    }
    if (validate(body)) return null;
    return `${where}: body does not match the documented schema: ${this.#ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`;
  }
}

function decodeURIPath(path: string) {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** `#/components/...` inside the document becomes `doc#/components/...` for ajv. */
function rewriteRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rewriteRefs);
  if (!schema || typeof schema !== "object") return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [
      k,
      k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `doc${v}` : rewriteRefs(v),
    ]),
  );
}

const contracts = new WeakMap<App, OpenApiContract>();

/** The contract of this app instance, built from its document once. */
export function contractOf(app: App): OpenApiContract {
  let contract = contracts.get(app);
  if (!contract) {
    contract = new OpenApiContract(app.swagger() as JsonObject);
    contracts.set(app, contract);
  }
  return contract;
}

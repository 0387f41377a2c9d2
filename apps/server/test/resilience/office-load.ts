import { randomUUID } from "node:crypto";
import { sleep } from "../helpers/own-postgres.ts";

/** One answer the app gave (status 0: no answer at all — the connection failed or timed out). */
export interface Sample {
  at: number;
  who: string;
  method: string;
  path: string;
  status: number;
  code?: string;
  retryAfter?: string | null;
}

export interface Answer {
  status: number;
  body: any;
}

/** An HTTP client for one kind of user of the office that writes down every answer it gets. */
export class Recorder {
  readonly samples: Sample[] = [];
  readonly #base: string;

  constructor(base: string) {
    this.#base = base;
  }

  async call(
    who: string,
    method: string,
    path: string,
    auth: { cookie?: string; token?: string },
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const at = Date.now();
    try {
      const res = await fetch(`${this.#base}${path}`, {
        method,
        headers: {
          ...(auth.cookie ? { cookie: auth.cookie } : {}),
          ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      const json = text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null;
      this.samples.push({
        at,
        who,
        method,
        path,
        status: res.status,
        code: json?.error?.code,
        retryAfter: res.headers.get("retry-after"),
      });
      return { status: res.status, body: json };
    } catch {
      this.samples.push({ at, who, method, path, status: 0 });
      return { status: 0, body: null };
    }
  }
}

export interface OfficeUsers {
  serviceId: string;
  kioskToken: string;
  operators: { login: string; cookie: string }[];
}

/**
 * Kiosks issuing tickets and operators calling, starting and finishing them, as fast as the app
 * answers, each retrying what failed the way the real screens do (a kiosk keeps its
 * Idempotency-Key; an operator re-reads his state). Everything acknowledged is written down.
 */
export class OfficeLoad {
  /** Tickets whose issue was answered 201. */
  readonly issued = new Map<string, { label: string; number: number }>();
  /** Which operator each call-next answered 200 with which ticket. */
  readonly calledBy = new Map<string, string[]>();
  readonly served = new Set<string>();
  readonly #recorder: Recorder;
  readonly #users: OfficeUsers;
  #stopped = false;
  #workers: Promise<void>[] = [];

  constructor(recorder: Recorder, users: OfficeUsers) {
    this.#recorder = recorder;
    this.#users = users;
  }

  start(kiosks: number) {
    for (let i = 0; i < kiosks; i++) this.#workers.push(this.#kiosk(`kiosk-${i + 1}`));
    for (const op of this.#users.operators) this.#workers.push(this.#operator(op));
  }

  async stop() {
    this.#stopped = true;
    await Promise.all(this.#workers);
  }

  async #kiosk(name: string) {
    const { kioskToken, serviceId } = this.#users;
    while (!this.#stopped) {
      const key = randomUUID();
      // The kiosk tries again with the same key until it gets an answer; a retry never issues twice.
      while (!this.#stopped) {
        const r = await this.#recorder.call(
          name,
          "POST",
          "/api/v1/tickets",
          { token: kioskToken },
          { serviceId },
          { "idempotency-key": key },
        );
        if (r.status === 201) {
          this.issued.set(r.body.id, { label: r.body.label, number: r.body.number });
          break;
        }
        if (r.status !== 503 && r.status !== 0 && r.body?.error?.code !== "idempotency_key_in_use") break;
        await sleep(100);
      }
      await sleep(30);
    }
  }

  async #operator(op: { login: string; cookie: string }) {
    const auth = { cookie: op.cookie };
    while (!this.#stopped) {
      const state = await this.#recorder.call(op.login, "GET", "/api/v1/operator/state", auth);
      if (state.status !== 200) {
        await sleep(100);
        continue;
      }
      const ticket = state.body.ticket as { id: string; status: string } | null;
      if (!ticket) {
        const r = await this.#recorder.call(op.login, "POST", "/api/v1/operator/call-next", auth);
        if (r.status === 200)
          this.calledBy.set(r.body.id, [...(this.calledBy.get(r.body.id) ?? []), op.login]);
        else await sleep(r.status === 204 ? 50 : 100);
      } else if (ticket.status === "called") {
        await this.#recorder.call(op.login, "POST", `/api/v1/operator/tickets/${ticket.id}/start`, auth);
      } else {
        const r = await this.#recorder.call(
          op.login,
          "POST",
          `/api/v1/operator/tickets/${ticket.id}/finish`,
          auth,
          {},
        );
        if (r.status === 200) this.served.add(ticket.id);
      }
    }
  }
}

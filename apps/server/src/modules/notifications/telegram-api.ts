import type { AlertsConfig } from "../../core/config.ts";

export type BotConfig = NonNullable<AlertsConfig["telegram"]>;

/** A Bot API call that failed; the message never holds the URL (it has the bot token in it). */
export class TelegramApiError extends Error {
  readonly status: number | null;
  readonly retryAfterSeconds: number | null;
  constructor(message: string, status: number | null = null, retryAfterSeconds: number | null = null) {
    super(message);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The parts of a Telegram update the bot reads. */
export interface TelegramUpdate {
  update_id: number;
  message?: {
    message_id: number;
    chat: { id: number; type?: string };
    from?: { id: number; language_code?: string };
    text?: string;
  };
}

/**
 * Calls a Bot API method and returns its `result`. `timeoutMs` bounds the whole call (a long poll
 * passes its own, longer than the poll's timeout).
 */
export async function callBot<T>(
  bot: BotConfig,
  method: string,
  params: Record<string, unknown> = {},
  timeoutMs = 10_000,
  /** Ends the call early (a poller being stopped). */
  signal?: AbortSignal,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${bot.apiUrl}/bot${bot.token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
      signal: signal
        ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
        : AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new TelegramApiError(`Telegram ${method}: ${networkFailure(error, timeoutMs)}`);
  }
  const reply = (await res.json().catch(() => ({}))) as {
    ok?: boolean;
    result?: T;
    description?: string;
    parameters?: { retry_after?: number };
  };
  if (res.ok && reply.ok) return reply.result as T;
  throw new TelegramApiError(
    `Telegram ${method}: HTTP ${res.status} ${reply.description ?? ""}`.trim(),
    res.status,
    reply.parameters?.retry_after ?? null,
  );
}

/** What went wrong on the way, without `error.message` (fetch may put the URL, with the token, there). */
export function networkFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError") return `no answer in ${timeoutMs / 1000} s`;
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === "string" && /^[A-Z_0-9]+$/.test(code) ? code : "could not connect";
}

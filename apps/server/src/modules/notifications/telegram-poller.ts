import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import { logJobFailure } from "../../db/unavailable.ts";
import { type BotConfig, callBot, type TelegramUpdate } from "./telegram-api.ts";
import { type BotDeps, handleUpdate } from "./telegram-bot.ts";
import { releasePollerLease, takePollerLease } from "./telegram-state.ts";

export interface PollerOptions {
  /** getUpdates' long-poll timeout. */
  pollSeconds?: number;
  /** How long the lease lasts without renewal; longer than a poll and its handling. */
  leaseSeconds?: number;
  /** How often an instance without the lease looks whether it is free. */
  idleSeconds?: number;
}

export interface RoundResult {
  /** This instance held the lease and asked Telegram. */
  polled: boolean;
  /** Updates this instance handled. */
  handled: number;
}

/**
 * Reads the bot's updates by getUpdates long polling, one instance at a time: the instance holding
 * the `telegram_poller` lease in server_state polls from the offset kept there; the others look
 * now and then whether the lease is free. No transaction is open while waiting for Telegram.
 */
export class TelegramPoller {
  readonly holder = randomUUID();
  readonly #deps: BotDeps;
  readonly #bot: BotConfig;
  readonly #log: FastifyBaseLogger;
  readonly #poll: number;
  readonly #lease: number;
  readonly #idle: number;
  #stopping = new AbortController();
  #running: Promise<void> | null = null;

  constructor(deps: BotDeps, bot: BotConfig, log: FastifyBaseLogger, options: PollerOptions = {}) {
    this.#deps = deps;
    this.#bot = bot;
    this.#log = log;
    this.#poll = options.pollSeconds ?? 25;
    this.#lease = options.leaseSeconds ?? 60;
    this.#idle = options.idleSeconds ?? 15;
  }

  /** One round: take or renew the lease, poll once, handle what came. Tests call it directly. */
  async round(pollSeconds = this.#poll): Promise<RoundResult> {
    const offset = await takePollerLease(this.#deps.db, this.holder, this.#deps.clock(), this.#lease * 1000);
    if (offset === null) return { polled: false, handled: 0 };
    const updates = await callBot<TelegramUpdate[]>(
      this.#bot,
      "getUpdates",
      { offset, timeout: pollSeconds, allowed_updates: ["message"] },
      (pollSeconds + 10) * 1000,
      this.#stopping.signal,
    );
    let handled = 0;
    for (const update of updates) {
      const mine = await handleUpdate(
        this.#deps,
        this.#bot,
        update,
        { state: "telegram_poller", holder: this.holder },
        this.#log,
      );
      // Lost the lease meanwhile: the new holder goes on from the stored offset.
      if (!mine) break;
      handled++;
    }
    return { polled: true, handled };
  }

  start(): void {
    if (this.#stopping.signal.aborted) return; // stopped before it began
    this.#running ??= this.#loop();
  }

  async #loop() {
    const signal = this.#stopping.signal;
    while (!signal.aborted) {
      let wait = 0;
      try {
        const r = await this.round();
        if (!r.polled) wait = this.#idle * 1000;
      } catch (error) {
        if (signal.aborted) break;
        logJobFailure(this.#log, error, "Telegram polling failed");
        wait = 5000;
      }
      if (wait) await sleep(wait, signal);
    }
  }

  /** Stops polling and lets the lease go, so that another instance takes over at once. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#running;
    this.#running = null;
    await releasePollerLease(this.#deps.db, this.holder, this.#deps.clock()).catch(() => {});
  }
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

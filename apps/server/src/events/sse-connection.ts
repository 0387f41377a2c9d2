import type { Writable } from "node:stream";
import type { SseChannel } from "@dq/shared";
import type { EventRow } from "../db/schema.ts";
import { formatSse, sseFrame } from "./projection.ts";

const MAX_HELD = 10_000;

export interface SseOptions {
  channel: SseChannel;
  /** The last event the client has (Last-Event-ID); older ones are never sent again. */
  lastEventId: string | null;
  /** A client with this much unsent data is too slow: it is dropped, reconnects and catches up. */
  maxBufferedBytes: number;
  onDrop: () => void;
  /** `comment`: a comment line, which EventSource ignores; `event`: a `heartbeat` event. */
  heartbeat?: "comment" | "event";
  /** Events this client may not see, beyond what its channel hides (e.g. alerts, for operators). */
  hides?: (row: EventRow) => boolean;
}

/**
 * One client's event stream. While the missed events are being replayed from the database, live
 * events are held back and then sent in order without duplicates; ids only ever increase.
 */
export class SseConnection {
  readonly #out: Writable;
  readonly #options: SseOptions;
  #lastSent: bigint;
  #replaying = true;
  #held: EventRow[] = [];
  #closed = false;

  constructor(out: Writable, options: SseOptions) {
    this.#out = out;
    this.#options = options;
    this.#lastSent = BigInt(options.lastEventId ?? 0);
  }

  get closed() {
    return this.#closed;
  }

  /** A live event from the hub. */
  deliver(row: EventRow) {
    if (!this.#replaying) return this.#send(row);
    this.#held.push(row);
    // A replay that never finishes must not hold events without bound: drop the client instead.
    if (this.#held.length > MAX_HELD) {
      this.close();
      this.#options.onDrop();
    }
  }

  /**
   * Sends the missed events, then whatever arrived live meanwhile, and switches to live.
   * `newestId` is the log's newest id when the client named a Last-Event-ID.
   */
  finishReplay(missed: EventRow[], limit: number, newestId: string | null = null) {
    if (newestId !== null && this.#lastSent > BigInt(newestId)) {
      // The client knows ids the log never had (the database was reset or restored): it would
      // wait forever for them. Start it over from the present.
      this.#write(formatSse(newestId, "reset", { reason: "unknown_last_event_id" }));
      this.#lastSent = BigInt(newestId);
    } else if (missed.length > limit) {
      // Too much to replay: the client reloads its state instead, and goes on from the newest.
      const newest = newestId ?? missed.at(-1)!.id;
      this.#write(formatSse(newest, "reset", { reason: "too_many_missed_events" }));
      this.#lastSent = BigInt(newest);
    } else {
      for (const row of missed) this.#send(row);
    }
    this.#replaying = false;
    for (const row of this.#held.splice(0)) this.#send(row);
  }

  /**
   * Keeps proxies from closing a quiet stream and lets the server notice a client that is gone.
   * A comment line by default; a named event without an id for clients that watch for silence.
   */
  heartbeat() {
    this.#write(this.#options.heartbeat === "event" ? "event: heartbeat\ndata: {}\n\n" : ": heartbeat\n\n");
  }

  close() {
    this.#closed = true;
    this.#held = [];
  }

  #send(row: EventRow) {
    if (this.#closed || BigInt(row.id) <= this.#lastSent) return;
    this.#lastSent = BigInt(row.id);
    if (this.#options.hides?.(row)) return;
    const frame = sseFrame(this.#options.channel, row);
    if (frame) this.#write(frame);
  }

  #write(chunk: string) {
    if (this.#closed) return;
    this.#out.write(chunk);
    if (this.#out.writableLength > this.#options.maxBufferedBytes) {
      this.close();
      this.#options.onDrop();
    }
  }
}

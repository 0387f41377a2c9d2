export interface SseEvent {
  id: string;
  event: string;
  data: Record<string, unknown>;
}

/** A real EventSource-like reader over fetch, for tests against a listening server. */
export class SseClient {
  readonly events: SseEvent[] = [];
  status = 0;
  headers = new Headers();
  readonly #controller = new AbortController();
  #waiters: { predicate: (e: SseEvent[]) => boolean; resolve: () => void }[] = [];
  #done: Promise<void> = Promise.resolve();
  /** The server ended the stream (or it broke), as opposed to still being open. */
  ended = false;

  static async connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const res = await fetch(url, { headers, signal: client.#controller.signal });
    client.status = res.status;
    client.headers = res.headers;
    if (res.ok && res.body) client.#done = client.#read(res.body);
    return client;
  }

  async #read(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const i = line.indexOf(":");
            if (i > 0) fields[line.slice(0, i)] = line.slice(i + 1).trimStart();
          }
          if (fields.event && fields.data) {
            this.events.push({ id: fields.id ?? "", event: fields.event, data: JSON.parse(fields.data) });
            this.#check();
          }
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // aborted
    }
    this.ended = true;
  }

  #check() {
    this.#waiters = this.#waiters.filter((w) => {
      if (w.predicate(this.events)) {
        w.resolve();
        return false;
      }
      return true;
    });
  }

  /** Resolves when the received events satisfy `predicate`; rejects after `timeoutMs`. */
  waitFor(predicate: (events: SseEvent[]) => boolean, timeoutMs = 3000): Promise<void> {
    if (predicate(this.events)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`SSE wait timed out; got ${JSON.stringify(this.events.map((e) => e.event))}`)),
        timeoutMs,
      );
      this.#waiters.push({
        predicate,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Resolves when the server ends the stream (or close() aborts it). */
  get closed(): Promise<void> {
    return this.#done;
  }

  async close() {
    this.#controller.abort();
    await this.#done;
  }
}

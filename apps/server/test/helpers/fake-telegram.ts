import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface Update {
  update_id: number;
  message?: {
    message_id: number;
    date: number;
    chat: { id: number; type: string };
    from: { id: number; is_bot: false; first_name: string; language_code?: string };
    text: string;
  };
}

function readJson(req: IncomingMessage): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      resolve(text ? JSON.parse(text) : {});
    });
    req.on("error", reject);
  });
}

/**
 * A fake Telegram Bot API on loopback: getMe, getUpdates (honouring offset and timeout, from a
 * queue the test fills), setWebhook/deleteWebhook, and sendMessage recorded. Point
 * `config.alerts.telegram` at `{ token: FakeTelegram.token, apiUrl: fake.url }`.
 */
export class FakeTelegram {
  static readonly token = "123456:TEST-fake-token";
  readonly username = "dq_test_bot";
  /** Every call, by method name, with its parameters. */
  readonly calls: { method: string; params: Record<string, any> }[] = [];
  /** Messages the bot sent. */
  readonly sent: { chatId: number; text: string }[] = [];
  /** getUpdates calls that were open at the same time, at most (one poller: 1). */
  maxConcurrentPolls = 0;
  /** getMe fails while this is set (the bot's name cannot be learnt). */
  getMeFails = false;
  /** The next this many sendMessage calls fail (502), sending nothing. */
  failSends = 0;
  #updates: Update[] = [];
  #nextId = 1000;
  #openPolls = 0;
  #waiters: (() => void)[] = [];
  #server: Server;
  url = "";

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<FakeTelegram> {
    let self: FakeTelegram | null = null;
    const server = createServer((req, res) => void self!.#handle(req, res));
    self = new FakeTelegram(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return self;
  }

  get config() {
    return { token: FakeTelegram.token, apiUrl: this.url };
  }

  /** A user writes to the bot; returns the update's id. */
  message(chatId: number, text: string, languageCode?: string): number {
    const id = this.#nextId++;
    this.#updates.push({
      update_id: id,
      message: {
        message_id: id,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: "private" },
        from: {
          id: chatId,
          is_bot: false,
          first_name: "Visitor",
          ...(languageCode ? { language_code: languageCode } : {}),
        },
        text,
      },
    });
    for (const wake of this.#waiters.splice(0)) wake();
    return id;
  }

  /** After a week without updates Telegram numbers the next ones at random, perhaps lower. */
  restartNumbering(nextId: number) {
    this.#nextId = nextId;
  }

  /** The update as Telegram would POST it to a webhook. */
  updateBody(chatId: number, text: string, languageCode?: string) {
    const id = this.message(chatId, text, languageCode);
    const update = this.#updates.find((u) => u.update_id === id)!;
    this.#updates = this.#updates.filter((u) => u.update_id !== id);
    return update;
  }

  textsTo(chatId: number): string[] {
    return this.sent.filter((s) => s.chatId === chatId).map((s) => s.text);
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    const [, bot, method = ""] = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "") ?? [];
    const params = await readJson(req);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (bot !== FakeTelegram.token)
      return reply(401, { ok: false, error_code: 401, description: "Unauthorized" });
    this.calls.push({ method, params });
    if (method === "getMe") {
      if (this.getMeFails) return reply(502, { ok: false, description: "Bad Gateway" });
      return reply(200, { ok: true, result: { id: 123456, is_bot: true, username: this.username } });
    }
    if (method === "getUpdates") return reply(200, { ok: true, result: await this.#poll(params) });
    if (method === "sendMessage") {
      if (this.failSends > 0) {
        this.failSends--;
        return reply(502, { ok: false, error_code: 502, description: "Bad Gateway" });
      }
      this.sent.push({ chatId: Number(params.chat_id), text: String(params.text) });
      return reply(200, { ok: true, result: { message_id: this.sent.length } });
    }
    if (method === "setWebhook" || method === "deleteWebhook") return reply(200, { ok: true, result: true });
    return reply(404, { ok: false, description: "Not Found" });
  }

  async #poll(params: Record<string, any>): Promise<Update[]> {
    this.#openPolls++;
    this.maxConcurrentPolls = Math.max(this.maxConcurrentPolls, this.#openPolls);
    try {
      // An offset confirms every update before it: they are never given again.
      const offset = Number(params.offset ?? 0);
      this.#updates = this.#updates.filter((u) => u.update_id >= offset);
      if (this.#updates.length === 0 && Number(params.timeout) > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Number(params.timeout) * 1000);
          this.#waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return this.#updates.filter((u) => u.update_id >= offset);
    } finally {
      this.#openPolls--;
    }
  }

  async close() {
    for (const wake of this.#waiters.splice(0)) wake();
    this.#server.closeAllConnections();
    await new Promise((r) => this.#server.close(r));
  }
}

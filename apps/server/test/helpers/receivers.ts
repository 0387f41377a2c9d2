import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** What alerts sent, as the receiving end saw it. Every receiver listens on loopback. */
export interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

interface Answer {
  status: number;
  delayMs?: number;
  body?: string;
}

/** An HTTP endpoint that records what it gets and answers as the test tells it. */
export class HttpReceiver {
  readonly received: Received[] = [];
  /** Requests that have arrived, answered or not yet. */
  arrivals = 0;
  /** The answers to give, in order; after them, `fallback`. */
  readonly script: Answer[] = [];
  fallback: Answer = { status: 200, body: '{"ok":true}' };
  #server: Server;
  url = "";

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<HttpReceiver> {
    let self: HttpReceiver | null = null;
    const server = createServer((req, res) => void self!.#handle(req, res));
    self = new HttpReceiver(server);
    self.url = `http://127.0.0.1:${await listen(server)}`;
    return self;
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    this.arrivals++;
    const body = await readBody(req);
    const answer = this.script.shift() ?? this.fallback;
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    this.received.push({ headers: { ...req.headers, path: req.url }, body });
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(answer.body ?? "{}");
  }

  json(i: number): any {
    return JSON.parse(this.received[i]!.body);
  }

  async close() {
    this.#server.closeAllConnections();
    await new Promise((r) => this.#server.close(r));
  }
}

/** A mail server on loopback that accepts every message (no TLS, no auth) and keeps it parsed. */
export class SmtpReceiver {
  readonly messages: { from: string; to: string[]; subject: string; text: string }[] = [];
  #server: SMTPServer;
  port = 0;

  private constructor(server: SMTPServer) {
    this.#server = server;
  }

  static async start(): Promise<SmtpReceiver> {
    let self: SmtpReceiver | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (mail) => {
            self!.messages.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? "",
              text: mail.text ?? "",
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    self = new SmtpReceiver(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    self.port = (server.server.address() as AddressInfo).port;
    return self;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async close() {
    await new Promise((r) => this.#server.close(() => r(undefined)));
  }
}

/** All three, started together for a test file. */
export async function startReceivers() {
  const [smtp, telegram, webhook, boss] = await Promise.all([
    SmtpReceiver.start(),
    HttpReceiver.start(),
    HttpReceiver.start(),
    HttpReceiver.start(),
  ]);
  return {
    smtp,
    telegram,
    webhook,
    /** A second webhook, e.g. the escalation's. */
    boss,
    async close() {
      await Promise.all([smtp.close(), telegram.close(), webhook.close(), boss.close()]);
    },
  };
}

export type Receivers = Awaited<ReturnType<typeof startReceivers>>;

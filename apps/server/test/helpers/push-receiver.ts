import { createECDH, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
// @ts-expect-error http_ece (web-push's own dependency) has no type declarations
import ece from "http_ece";

/** A push request as the push service received it, with the payload the browser would decrypt. */
export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The decrypted payload (aes128gcm with the subscription's private key and auth secret). */
  text: string;
}

/** The browser's side of one subscription: its keys, as PushManager.subscribe() would make them. */
interface BrowserKeys {
  ecdh: ReturnType<typeof createECDH>;
  auth: Buffer;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * A push service on loopback: subscriptions are made here (with browser keys made by
 * node:crypto), every push is recorded and decrypted, and the test scripts the answers (e.g. 410).
 */
export class PushReceiver {
  readonly received: ReceivedPush[] = [];
  /** Status codes to answer, in order; then 201. */
  readonly script: number[] = [];
  readonly #keys = new Map<string, BrowserKeys>();
  readonly #server: Server;
  url = "";
  /** "127.0.0.1:<port>": the value for config.visitors.pushAllowedHosts. */
  hostPort = "";

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<PushReceiver> {
    let self: PushReceiver | null = null;
    const server = createServer((req, res) => {
      void readBody(req).then((body) => {
        const status = self!.#record(req, body);
        res.writeHead(status);
        res.end();
      });
    });
    self = new PushReceiver(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    self.url = `http://127.0.0.1:${port}`;
    self.hostPort = `127.0.0.1:${port}`;
    return self;
  }

  #record(req: IncomingMessage, body: Buffer): number {
    const path = req.url ?? "/";
    const keys = this.#keys.get(path);
    const text = keys
      ? (
          ece.decrypt(body, { version: "aes128gcm", privateKey: keys.ecdh, authSecret: keys.auth }) as Buffer
        ).toString("utf8")
      : "";
    this.received.push({ path, headers: { ...req.headers }, text });
    return this.script.shift() ?? 201;
  }

  /** A new browser subscription on this service: what subscription.toJSON() gives. */
  subscription(name = randomBytes(6).toString("hex")) {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const auth = randomBytes(16);
    const path = `/push/${name}`;
    this.#keys.set(path, { ecdh, auth });
    return {
      endpoint: `${this.url}${path}`,
      keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
    };
  }

  /** The decrypted payloads sent to one subscription, parsed as JSON. */
  payloads(endpoint: string): unknown[] {
    const path = new URL(endpoint).pathname;
    return this.received.filter((r) => r.path === path).map((r) => JSON.parse(r.text));
  }

  async close() {
    this.#server.closeAllConnections();
    await new Promise((r) => this.#server.close(r));
  }
}

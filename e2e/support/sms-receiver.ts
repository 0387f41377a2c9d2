import { createServer } from "node:http";

/** The port e2e/start-server.mjs points the server's SMS gateway (DQ_SMS_URL) at. */
export const SMS_RECEIVER_PORT = 18_489;

export interface ReceivedSms {
  to: string;
  text: string;
}

/**
 * A stand-in SMS gateway: records what the server sends (`GET /sms?to=…&text=…`) and answers 200.
 * `next(to, pattern)` waits for a message to that phone whose text matches.
 */
export async function startSmsReceiver() {
  const received: ReceivedSms[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    received.push({ to: url.searchParams.get("to") ?? "", text: url.searchParams.get("text") ?? "" });
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"OK"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(SMS_RECEIVER_PORT, "127.0.0.1", resolve);
  });
  return {
    received,
    /** The first message to `to` matching `pattern`, waiting up to `timeoutMs` for it. */
    async next(to: string, pattern: RegExp, timeoutMs = 20_000): Promise<ReceivedSms> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((m) => m.to === to && pattern.test(m.text));
        if (found) return found;
        if (Date.now() > until) {
          throw new Error(`no SMS to ${to} matching ${pattern}; got ${JSON.stringify(received)}`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

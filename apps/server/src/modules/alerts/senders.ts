import { createHmac } from "node:crypto";
import type { Alert, DeliveryEvent, VisitorEvent } from "@dq/shared";
import nodemailer from "nodemailer";
import type { AlertsConfig, VisitorChannelsConfig } from "../../core/config.ts";
import type { OutboxChannel, StoredChannel } from "../../db/schema.ts";
import type { Resolver } from "../notifications/push-guard.ts";
import { sendWebPush } from "../notifications/push-send.ts";
import { sendSms } from "../notifications/sms-send.ts";
import type { VapidKeys } from "../notifications/vapid.ts";
import { DeliveryError } from "./delivery-error.ts";

const TIMEOUT_MS = 10_000;

export interface OutgoingMessage {
  /** The outbox row: receivers of webhooks may use it to drop a retried duplicate. */
  deliveryId: string;
  event: DeliveryEvent | VisitorEvent | "test";
  subject: string;
  /** Plain text; for a webhook, the JSON body exactly as signed. */
  body: string;
}

export { DeliveryError };

export interface ChannelSenders {
  /** Which external channels are configured on this server. */
  readonly available: { email: boolean; telegram: boolean; webpush: boolean; sms: boolean };
  send(channel: OutboxChannel, message: OutgoingMessage): Promise<void>;
  close(): void;
}

// The app's shared services gain the senders here, so that http/ need not know about alerts.
declare module "../../http/types.ts" {
  interface AppDeps {
    /** Where alert messages go out (e-mail, Telegram, webhooks). */
    senders: ChannelSenders;
  }
}

/** The JSON a webhook receives; the same bytes on every retry, so the signature stays valid. */
export function webhookBody(
  event: DeliveryEvent | "test",
  alert: Alert | null,
  branch: { id: string; name: string },
  text: string,
  at: Date,
): string {
  return JSON.stringify({ event: `alert.${event}`, at: at.toISOString(), branch, alert, text });
}

/** What a channel is sent: the JSON above for a webhook, the plain text for e-mail and Telegram. */
export function messageBody(channel: StoredChannel, ...message: Parameters<typeof webhookBody>): string {
  const [, , , text] = message;
  return channel.type === "webhook" ? webhookBody(...message) : text;
}

export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** What the visitor channels (Web Push, SMS) need besides the alerts' settings. */
export interface VisitorSending {
  config: VisitorChannelsConfig;
  vapidKeys: () => Promise<VapidKeys>;
  /** Tests' DNS for push endpoints; the system's otherwise. */
  resolve?: Resolver;
}

/**
 * Senders for e-mail (SMTP), Telegram (Bot API), webhooks, and — with `visitors` — Web Push and
 * SMS, from the server's configuration.
 */
export function createSenders(config: AlertsConfig, visitors: VisitorSending | null = null): ChannelSenders {
  const mailer = config.smtp
    ? nodemailer.createTransport({
        url: config.smtp.url,
        connectionTimeout: TIMEOUT_MS,
        greetingTimeout: TIMEOUT_MS,
        socketTimeout: 2 * TIMEOUT_MS,
      } as Parameters<typeof nodemailer.createTransport>[0])
    : null;

  async function sendEmail(to: string, m: OutgoingMessage) {
    if (!mailer || !config.smtp)
      throw new DeliveryError("e-mail is not configured (SMTP_URL)", { permanent: true });
    try {
      await mailer.sendMail({ from: config.smtp.from, to, subject: m.subject, text: m.body });
    } catch (error) {
      const e = error as { message?: string; responseCode?: number };
      // 5xx from the server (unknown mailbox, rejected): retrying will not help.
      throw new DeliveryError(`SMTP: ${e.message ?? String(error)}`, {
        permanent: typeof e.responseCode === "number" && e.responseCode >= 500,
      });
    }
  }

  async function sendTelegram(chatId: string, m: OutgoingMessage) {
    if (!config.telegram)
      throw new DeliveryError("Telegram is not configured (DQ_TELEGRAM_BOT_TOKEN)", { permanent: true });
    let res: Response;
    try {
      res = await fetch(`${config.telegram.apiUrl}/bot${config.telegram.token}/sendMessage`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ chat_id: chatId, text: m.body, disable_web_page_preview: true }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      // The address holds the bot token: say what failed without it.
      throw new DeliveryError(`Telegram: ${networkError(error)}`);
    }
    if (res.ok) return;
    const reply = (await res.json().catch(() => ({}))) as {
      description?: string;
      parameters?: { retry_after?: number };
    };
    const retryAfter = reply.parameters?.retry_after;
    throw new DeliveryError(`Telegram: HTTP ${res.status} ${reply.description ?? ""}`.trim(), {
      // 400 (no such chat), 401 (bad token), 403 (bot blocked): a retry gets the same answer.
      permanent: res.status >= 400 && res.status < 500 && res.status !== 429,
      // 403: the user blocked the bot; a visitor's subscription ends with it.
      gone: res.status === 403,
      retryAfterMs: retryAfter ? retryAfter * 1000 : null,
    });
  }

  async function sendWebhook(url: string, secret: string | undefined, m: OutgoingMessage) {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "DigitalQueue-Alerts/1",
      "x-dq-event": `alert.${m.event}`,
      "x-dq-delivery": m.deliveryId,
    };
    if (secret) headers["x-dq-signature"] = webhookSignature(secret, m.body);
    let res: Response;
    try {
      res = await fetch(url, {
        method: "POST",
        headers,
        body: m.body,
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new DeliveryError(`webhook: ${networkError(error)}`);
    }
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return;
    const retryAfter = Number(res.headers.get("retry-after"));
    throw new DeliveryError(`webhook: HTTP ${res.status}`, {
      // A redirect (not followed: it could lead anywhere) or a refusal gets the same answer again;
      // timeouts, throttling and server errors may pass.
      permanent: res.status < 500 && ![408, 425, 429].includes(res.status),
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
    });
  }

  return {
    available: {
      email: mailer !== null,
      telegram: config.telegram !== null,
      webpush: visitors !== null,
      sms: visitors?.config.sms != null,
    },
    async send(channel, message) {
      switch (channel.type) {
        case "email":
          return sendEmail(channel.to, message);
        case "telegram":
          return sendTelegram(channel.chatId, message);
        case "webhook":
          return sendWebhook(channel.url, channel.secret, message);
        case "in_app":
          return;
        case "webpush":
          if (!visitors) throw new DeliveryError("Web Push is not set up", { permanent: true });
          return sendWebPush(channel, message.body, visitors);
        case "sms":
          if (!visitors?.config.sms)
            throw new DeliveryError("SMS is not configured (DQ_SMS_URL)", { permanent: true });
          return sendSms(visitors.config.sms, channel.phone, message.body);
      }
    },
    close() {
      mailer?.close();
    },
  };
}

/**
 * What went wrong on the way, without `error.message`: fetch puts the whole request URL there in
 * some failures, and the Telegram URL holds the bot token.
 */
function networkError(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return `no answer in ${TIMEOUT_MS / 1000} s`;
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === "string" && /^[A-Z_0-9]+$/.test(code) ? code : "could not connect";
}

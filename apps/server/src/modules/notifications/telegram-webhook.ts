import { createHash, timingSafeEqual } from "node:crypto";
import { errorBodySchema } from "@dq/shared";
import type { FastifyBaseLogger } from "fastify";
import { z } from "zod";
import type { Config } from "../../core/config.ts";
import { DomainError, notFound } from "../../core/errors.ts";
import type { App } from "../../http/types.ts";
import { type BotConfig, callBot, type TelegramUpdate } from "./telegram-api.ts";
import { type BotDeps, handleUpdate } from "./telegram-bot.ts";
import { TelegramPoller } from "./telegram-poller.ts";

export const WEBHOOK_PATH = "/api/v1/telegram/webhook";
const SET_WEBHOOK_RETRY_MS = 60_000;

// Only what the bot reads is checked; Telegram's other fields pass through untouched.
const updateSchema = z.looseObject({
  update_id: z.number().int().min(0),
  message: z
    .looseObject({
      message_id: z.number().int(),
      chat: z.looseObject({ id: z.number().int(), type: z.string().optional() }),
      // Any language code (only its first letters are read): a refused update would be retried forever.
      from: z.looseObject({ id: z.number().int(), language_code: z.string().optional() }).optional(),
      text: z.string().optional(),
    })
    .optional(),
});

/** Compares the header with the secret in constant time (hashes: equal lengths whatever is sent). */
function secretMatches(sent: string | undefined, secret: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return sent !== undefined && timingSafeEqual(digest(sent), digest(secret));
}

/** POST /api/v1/telegram/webhook: Telegram's updates when DQ_TELEGRAM_WEBHOOK_SECRET is set. */
export async function telegramWebhookRoutes(app: App) {
  app.post(
    WEBHOOK_PATH,
    {
      config: { access: "public" },
      schema: {
        operationId: "receiveTelegramUpdate",
        tags: ["tickets"],
        summary:
          "Telegram's bot updates (/start <code>, /status, /stop); only with DQ_TELEGRAM_WEBHOOK_SECRET, checked in X-Telegram-Bot-Api-Secret-Token",
        body: updateSchema,
        response: { 200: z.object({ ok: z.literal(true) }), 401: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const { config } = app.deps;
      const secret = config.visitors.telegramWebhookSecret;
      const bot = config.alerts.telegram;
      if (!secret || !bot) throw notFound("Telegram webhook (not enabled on this server)");
      const sent = request.headers["x-telegram-bot-api-secret-token"];
      if (!secretMatches(typeof sent === "string" ? sent : undefined, secret))
        throw new DomainError(401, "unauthorized", "wrong or missing X-Telegram-Bot-Api-Secret-Token");
      // Handled twice (Telegram retrying after a lost answer) is recorded and skipped.
      await handleUpdate(
        app.deps,
        bot,
        request.body as TelegramUpdate,
        { state: "telegram_webhook" },
        request.log,
      );
      return { ok: true as const };
    },
  );
}

/**
 * Starts reading the bot's updates with the server: registers the webhook when it is configured
 * (with the public address), else polls. Returns how to stop; nothing to do without a bot.
 */
export function startTelegramBot(
  deps: BotDeps & { config: Config },
  log: FastifyBaseLogger,
): () => Promise<void> {
  const bot = deps.config.alerts.telegram;
  if (!bot) return async () => {};
  const secret = deps.config.visitors.telegramWebhookSecret;
  const publicUrl = deps.config.publicUrl;
  if (secret && publicUrl) {
    const stopping = new AbortController();
    const registering = setWebhook(bot, `${publicUrl}${WEBHOOK_PATH}`, secret, log, stopping.signal);
    return async () => {
      stopping.abort();
      await registering;
    };
  }
  if (secret)
    log.warn("DQ_TELEGRAM_WEBHOOK_SECRET needs DQ_PUBLIC_URL for Telegram to reach it; polling instead");
  const poller = new TelegramPoller(deps, bot, log);
  // A webhook left from an earlier setting would make getUpdates fail.
  void callBot(bot, "deleteWebhook", {})
    .catch((error: Error) => log.warn({ error: error.message }, "Telegram deleteWebhook failed"))
    .finally(() => poller.start());
  return () => poller.stop();
}

/** Registers the webhook, trying again every minute until Telegram accepts it or the server stops. */
async function setWebhook(
  bot: BotConfig,
  url: string,
  secret: string,
  log: FastifyBaseLogger,
  signal: AbortSignal,
) {
  const params = { url, secret_token: secret, allowed_updates: ["message"] };
  while (!signal.aborted) {
    try {
      await callBot(bot, "setWebhook", params, 10_000, signal);
      log.info({ url }, "Telegram webhook registered");
      return;
    } catch (error) {
      if (signal.aborted) return;
      log.error({ error: (error as Error).message }, "Telegram setWebhook failed: trying again in a minute");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, SET_WEBHOOK_RETRY_MS);
        signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

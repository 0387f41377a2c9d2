import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { Clock } from "../../core/clock.ts";
import type { DB } from "../../db/schema.ts";
import { inTransaction } from "../../db/transaction.ts";
import { isDatabaseUnavailable } from "../../db/unavailable.ts";
import { retryDelayMs } from "../alerts/delivery.ts";
import { markSent, scheduleRetry } from "../alerts/outbox.ts";
import type { NotifierDeps } from "./notifier-state.ts";
import { type BotConfig, callBot, type TelegramUpdate } from "./telegram-api.ts";
import { type ChatReply, runChatCommand } from "./telegram-commands.ts";
import { claimUpdate, type UpdatesStateName } from "./telegram-state.ts";
import { botWords, chatLanguage } from "./telegram-texts.ts";

export interface BotDeps extends NotifierDeps {
  db: Kysely<DB>;
  clock: Clock;
}

/** Whose updates these are: the polling instance (which must still hold the lease) or the webhook. */
export type UpdateSource = { state: "telegram_poller"; holder: string } | { state: "telegram_webhook" };

/**
 * Handles one update once: the command's effect and the record that the update is handled commit
 * together; the reply goes out after the commit. An answer is not queued, except the answer to
 * /start that subscribes: it is the "joined" message, claimed in the outbox by this handler, marked
 * sent once Telegram has it, else left to the outbox loop (which retries it with back-off).
 * Returns false when the update was not ours to handle (handled already, or the lease was lost).
 * A database outage throws, leaving the update for the next try; any other failure is answered
 * with an apology and the update counts as handled, so one bad message cannot stall the bot.
 */
export async function handleUpdate(
  deps: BotDeps,
  bot: BotConfig,
  update: TelegramUpdate,
  source: UpdateSource,
  log: FastifyBaseLogger,
): Promise<boolean> {
  const message = update.message;
  const language = chatLanguage(message?.from?.language_code);
  const claim = (tx: Parameters<typeof claimUpdate>[0]) =>
    claimUpdate(tx, source.state as UpdatesStateName, update.update_id, holderOf(source), deps.clock());
  let outcome: { handled: boolean; reply: ChatReply | null };
  try {
    outcome = await inTransaction(deps.db, async (tx) => {
      const claimed = await claim(tx);
      if (claimed !== "claimed") return { handled: claimed === "duplicate", reply: null };
      if (!message?.text) return { handled: true, reply: null };
      const command = { chatId: String(message.chat.id), language, text: message.text };
      return { handled: true, reply: await runChatCommand(tx, deps, command, deps.clock()) };
    });
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    log.error({ err: error, updateId: update.update_id }, "Telegram update failed");
    const claimed = await inTransaction(deps.db, claim);
    outcome = {
      handled: claimed !== "lost",
      reply: claimed === "claimed" && message ? { text: botWords(language).failed, outboxId: null } : null,
    };
  }
  if (outcome.reply && message) await sendReply(deps, bot, message.chat.id, outcome.reply, log);
  return outcome.handled;
}

async function sendReply(
  deps: BotDeps,
  bot: BotConfig,
  chatId: number,
  reply: ChatReply,
  log: FastifyBaseLogger,
) {
  let failure: string | null = null;
  try {
    await callBot(bot, "sendMessage", { chat_id: chatId, text: reply.text, disable_web_page_preview: true });
  } catch (error) {
    failure = (error as Error).message;
    log.warn({ error: failure }, "Telegram reply not sent");
  }
  if (!reply.outboxId) return;
  const now = deps.clock();
  // Not sent: the outbox loop sends it after the first retry's delay, as if it had failed there.
  // (Not recorded, e.g. the database gone meanwhile: the claim runs out and the loop sends it again.)
  await (failure === null
    ? markSent(deps.db, reply.outboxId, now)
    : scheduleRetry(deps.db, reply.outboxId, failure, new Date(now.getTime() + retryDelayMs(1)))
  ).catch((error: Error) => log.warn({ error: error.message }, "Telegram reply not recorded"));
}

const holderOf = (source: UpdateSource) => (source.state === "telegram_poller" ? source.holder : null);

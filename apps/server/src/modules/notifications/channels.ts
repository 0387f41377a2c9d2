import type { Kysely } from "kysely";
import type { Config } from "../../core/config.ts";
import type { DB } from "../../db/schema.ts";
import { callBot } from "./telegram-api.ts";
import { loadVapidKeys, type VapidKeys } from "./vapid.ts";

/** After a failed getMe, the bot's name is asked again no sooner than this. */
const BOT_NAME_RETRY_MS = 30_000;

/** What this server can tell visitors through (docs/remote-join.md, "Channels"). */
export interface VisitorChannels {
  /** https://t.me/<bot>?start=<code>; null without a bot, or while its name cannot be learnt. */
  telegramLink(code: string): Promise<string | null>;
  /** The VAPID public key the browser subscribes with (Web Push is always on: keys are generated). */
  webPushPublicKey(): Promise<string | null>;
  /** The pair itself, for the Web Push sender. */
  vapidKeys(): Promise<VapidKeys>;
  /** Web Push can be used (always: without configured keys a pair is generated). */
  readonly webpush: boolean;
  /** A Telegram bot is configured (DQ_TELEGRAM_BOT_TOKEN). */
  readonly telegram: boolean;
  /** An SMS gateway is configured (DQ_SMS_URL). */
  readonly sms: boolean;
  /** SMTP is configured (SMTP_URL). */
  readonly email: boolean;
}

// The app's shared services gain the channels here, so that http/ need not know about them.
declare module "../../http/types.ts" {
  interface AppDeps {
    /** Which visitor channels this server has, and what a page needs to offer them. */
    visitorChannels: VisitorChannels;
  }
}

export function createVisitorChannels(config: Config, db: Kysely<DB>): VisitorChannels {
  const bot = config.alerts.telegram;
  let botName: string | null = null;
  let botNameAsking: Promise<string | null> | null = null;
  let botNameFailedAt = Number.NEGATIVE_INFINITY;
  let vapid: Promise<VapidKeys> | null = null;

  /** The bot's user name from getMe, asked once (one call for concurrent askers), again after a failure. */
  function askBotName(): Promise<string | null> {
    if (!bot) return Promise.resolve(null);
    if (botName) return Promise.resolve(botName);
    if (Date.now() - botNameFailedAt < BOT_NAME_RETRY_MS) return Promise.resolve(null);
    botNameAsking ??= callBot<{ username?: string }>(bot, "getMe")
      .then((me) => {
        if (!me.username) throw new Error("getMe gave no username");
        botName = me.username;
        return botName;
      })
      .catch(() => {
        botNameFailedAt = Date.now();
        return null;
      })
      .finally(() => {
        botNameAsking = null;
      });
    return botNameAsking;
  }

  function vapidKeys(): Promise<VapidKeys> {
    vapid ??= loadVapidKeys(db, config.visitors).catch((error) => {
      vapid = null; // a database hiccup: ask again next time
      throw error;
    });
    return vapid;
  }

  return {
    async telegramLink(code) {
      const name = await askBotName();
      return name ? `https://t.me/${name}?start=${encodeURIComponent(code)}` : null;
    },
    async webPushPublicKey() {
      return (await vapidKeys()).publicKey;
    },
    vapidKeys,
    webpush: true,
    telegram: bot !== null,
    sms: config.visitors.sms !== null,
    email: config.alerts.smtp !== null,
  };
}

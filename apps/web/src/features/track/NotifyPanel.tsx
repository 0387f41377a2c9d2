import type { TicketNotify, VisitorSubscription } from "@dq/shared";
import { useState } from "react";
import { ApiError } from "../../app/api.ts";
import { issueText } from "../../app/field-issues.ts";
import { ContactSubscribe } from "./ContactSubscribe.tsx";
import { subscribe, unsubscribe, useTicketNotify } from "./notify-api.ts";
import css from "./panels.module.css";
import { browserPushSubscription, PushDenied, pushSupported } from "./push.ts";
import { useVisitorText } from "./use-visitor-text.ts";
import { subscribeFailureKey } from "./visitor-refusals.ts";

type Form = "sms" | "email" | null;

/**
 * «Уведомления»: the channels this server offers (Telegram, Web Push, SMS, e-mail) and the ticket's
 * subscriptions with «Отписаться». Nothing is shown on a server with no channel at all.
 */
export function NotifyPanel({ code }: { code: string }) {
  const x = useVisitorText();
  const notify = useTicketNotify(code, true);
  const [form, setForm] = useState<Form>(null);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const data = notify.data;
  if (!data) return null;
  const push = !!data.webPushPublicKey && pushSupported();
  if (!data.telegramLink && !push && !data.sms && !data.email && data.subscriptions.length === 0) return null;

  const done = (text: string | null, ok = true) => {
    setForm(null);
    setMessage(text ? { text, ok } : null);
    void notify.refetch();
  };
  const toggle = (next: Form) => {
    setMessage(null);
    setForm((f) => (f === next ? null : next));
  };
  return (
    <section className={css.panel} data-testid="notify-panel" aria-labelledby={`${code}-notify`}>
      <h2 className={css.panelTitle} id={`${code}-notify`}>
        {x.t("notify.title")}
      </h2>
      <p className={css.hint}>{x.t("notify.hint")}</p>
      {data.subscriptions.length > 0 && (
        <Subscriptions code={code} items={data.subscriptions} onChange={() => void notify.refetch()} />
      )}
      <div className={css.channels}>
        {data.telegramLink && (
          <a
            className={css.channel}
            href={data.telegramLink}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="notify-telegram"
          >
            {x.t("notify.telegram")}
          </a>
        )}
        {push && <PushButton code={code} data={data} onDone={done} />}
        {data.sms && (
          <button
            type="button"
            className={css.channel}
            aria-expanded={form === "sms"}
            onClick={() => toggle("sms")}
          >
            {x.t("notify.sms")}
          </button>
        )}
        {data.email && (
          <button
            type="button"
            className={css.channel}
            aria-expanded={form === "email"}
            onClick={() => toggle("email")}
          >
            {x.t("notify.email")}
          </button>
        )}
      </div>
      {data.telegramLink && <p className={css.hint}>{x.t("notify.telegramHint")}</p>}
      {form && (
        <ContactSubscribe
          key={form}
          code={code}
          channel={form}
          onDone={() => done(x.t("notify.subscribed"))}
          onCancel={() => setForm(null)}
        />
      )}
      {message && (
        <p
          className={message.ok ? css.success : css.error}
          role={message.ok ? "status" : "alert"}
          data-testid="notify-message"
        >
          {message.text}
        </p>
      )}
    </section>
  );
}

/** Subscribes this browser to Web Push; says so once it is (the list shows it too). */
function PushButton({
  code,
  data,
  onDone,
}: {
  code: string;
  data: TicketNotify;
  onDone: (text: string | null, ok?: boolean) => void;
}) {
  const x = useVisitorText();
  const [busy, setBusy] = useState(false);
  const on = data.subscriptions.some((s) => s.channel === "webpush");
  return (
    <button
      type="button"
      className={on ? css.channelOn : css.channel}
      disabled={busy}
      aria-busy={busy}
      aria-pressed={on}
      onClick={async () => {
        setBusy(true);
        try {
          const subscription = await browserPushSubscription(data.webPushPublicKey!);
          await subscribe(code, { channel: "webpush", subscription, language: x.lang });
          onDone(x.t("notify.subscribed"));
        } catch (error) {
          const field = error instanceof ApiError ? Object.values(error.fieldErrors)[0] : undefined;
          const text =
            error instanceof PushDenied
              ? x.t("notify.pushDenied")
              : field
                ? issueText(field)
                : error instanceof ApiError
                  ? x.t(`notify.${subscribeFailureKey(error)}`)
                  : x.t("notify.pushFailed");
          onDone(text, false);
        } finally {
          setBusy(false);
        }
      }}
    >
      {on ? `✓ ${x.t("notify.pushOn")}` : x.t("notify.push")}
    </button>
  );
}

/** The ticket's active subscriptions, each with «Отписаться». */
function Subscriptions({
  code,
  items,
  onChange,
}: {
  code: string;
  items: VisitorSubscription[];
  onChange: () => void;
}) {
  const x = useVisitorText();
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  return (
    <div className={css.subscriptions}>
      <div className={css.caption}>{x.t("notify.active")}</div>
      <ul className={css.list}>
        {items.map((s) => (
          <li
            key={s.id}
            className={css.subscription}
            data-testid="notify-subscription"
            data-channel={s.channel}
          >
            <span>
              <b>{x.t(`notify.channel.${s.channel}`)}</b> {s.recipient}
            </span>
            <button
              type="button"
              className={css.linkButton}
              disabled={busy === s.id}
              onClick={async () => {
                setBusy(s.id);
                setFailed(false);
                try {
                  await unsubscribe(code, s.id);
                } catch (error) {
                  // Already gone (404): the list read again shows it.
                  if (!(error instanceof ApiError && error.status === 404)) setFailed(true);
                } finally {
                  setBusy(null);
                  onChange();
                }
              }}
            >
              {x.t("notify.stop")}
            </button>
          </li>
        ))}
      </ul>
      {failed && (
        <p className={css.error} role="alert">
          {x.t("notify.stopFailed")}
        </p>
      )}
    </div>
  );
}

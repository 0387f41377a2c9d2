import type { PublicTicket } from "@dq/shared";
import { useRef, useState } from "react";
import { ApiError } from "../../app/api.ts";
import { randomHex } from "../join/browser-id.ts";
import { reasonText } from "../join/reason.ts";
import { postpone } from "./notify-api.ts";
import css from "./panels.module.css";
import { useVisitorText } from "./use-visitor-text.ts";
import { postponeFailureKey } from "./visitor-refusals.ts";

/**
 * «Отойти назад»: a waiting visitor lets 1…postponeMaxPlaces people go ahead of him, a limited
 * number of times (the server says how many are left).
 */
export function PostponePanel({
  ticket,
  code,
  onDone,
}: {
  ticket: PublicTicket;
  code: string;
  onDone: () => void;
}) {
  const x = useVisitorText();
  const [open, setOpen] = useState(false);
  const [places, setPlaces] = useState(1);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  // One key per choice: tapping again after a lost answer does not move the ticket twice.
  const attempt = useRef<{ places: number; key: string } | null>(null);
  const max = Math.max(1, ticket.postponeMaxPlaces);
  const shown = Math.min(places, max);

  if (!open) {
    return (
      <div className={css.inline}>
        <button type="button" className={css.plain} data-testid="postpone-open" onClick={() => setOpen(true)}>
          {x.t("postpone.open")}
        </button>
        {message && (
          <p className={message.ok ? css.success : css.error} role="status" data-testid="postpone-message">
            {message.text}
          </p>
        )}
      </div>
    );
  }
  const send = async () => {
    setBusy(true);
    if (attempt.current?.places !== shown)
      attempt.current = { places: shown, key: `postpone-${randomHex(16)}` };
    try {
      const moved = await postpone(code, shown, attempt.current.key);
      attempt.current = null;
      // Already last in the queue: the server changes nothing, and the page says so.
      const same = moved.position !== null && moved.position === ticket.position;
      setMessage({ text: x.t(same ? "postpone.alreadyLast" : "postpone.done"), ok: true });
      setOpen(false);
      setPlaces(1);
    } catch (error) {
      const key = postponeFailureKey(error);
      const words = error instanceof ApiError ? reasonText(error.details, x.lang) : null;
      setMessage({ text: words ?? x.t(`postpone.${key}`, { count: max }), ok: false });
    } finally {
      setBusy(false);
      onDone();
    }
  };
  return (
    <section className={css.panel} data-testid="postpone-panel">
      <h2 className={css.panelTitle}>{x.t("postpone.title")}</h2>
      <p className={css.hint}>{x.t("postpone.hint")}</p>
      <fieldset className={css.places}>
        <legend className={css.legend}>{x.t("postpone.places")}</legend>
        {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
          <button
            key={n}
            type="button"
            className={css.place}
            aria-pressed={n === shown}
            onClick={() => setPlaces(n)}
          >
            {n}
          </button>
        ))}
      </fieldset>
      <p className={css.hint}>
        {x.t("postpone.left", { count: ticket.postponesLeft })}. {x.t("postpone.lastNote")}
      </p>
      {message && !message.ok && (
        <p className={css.error} role="alert" data-testid="postpone-message">
          {message.text}
        </p>
      )}
      <div className={css.row}>
        <button
          type="button"
          className={css.primary}
          disabled={busy}
          aria-busy={busy}
          onClick={() => void send()}
        >
          {x.t("postpone.confirm", { count: shown })}
        </button>
        <button type="button" className={css.plain} onClick={() => setOpen(false)}>
          {x.t("postpone.cancel")}
        </button>
      </div>
    </section>
  );
}

import { type BoardEventData, type PublicTicket, publicTicketSchema, type TicketStatus } from "@dq/shared";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { api, isServerUnreachable } from "../../app/api.ts";
import { useEventStream } from "../../app/events.ts";
import type { SurfaceProps } from "../../app/surfaces.tsx";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import { PublicFrame } from "../surface-kit/PublicFrame.tsx";
import css from "./track.module.css";
import { VisitorPanels } from "./VisitorPanels.tsx";
import { followUntil, isNotFound } from "./visit.ts";

const ALERTS_KEY = "dq.track.alerts";
const POLL_MS = 30_000;

/** The client's own ticket on his phone: opened from the QR code on the ticket. */
export default function TrackPage({ params }: SurfaceProps) {
  const code = params[0] ?? "";
  const f = useSurfaceFormat();
  const [live, setLive] = useState(true);
  const ticket = useQuery({
    queryKey: ["ticket", code],
    queryFn: () => api.get(`/api/v1/tickets/${encodeURIComponent(code)}`, publicTicketSchema),
    // Read again while the visit goes on; never after it, nor after "no such ticket".
    refetchInterval: (q) => (live && !isNotFound(q.state.error) ? POLL_MS : false),
    // "No such ticket" is final; anything else is tried again, an unreachable server for ever.
    retry: (n, error) => !isNotFound(error) && (isServerUnreachable(error) || n < 1000),
  });
  const t = ticket.data;
  useFollowing(t?.status, setLive);

  const [alerts, setAlerts] = useState(() => localStorage.getItem(ALERTS_KEY) === "on");
  useCallAlert(t, alerts);

  if (isNotFound(ticket.error)) {
    return (
      <Page>
        <h1 className={css.title} data-testid="track-not-found">
          {f.t("track.notFound")}
        </h1>
        <p>{f.t("track.notFoundHint")}</p>
        <a className={css.findLink} href="/queue">
          {f.t("track.findTicket")}
        </a>
      </Page>
    );
  }
  if (!t) {
    return (
      <Page>
        <p className={css.live}>{f.t("track.loading")}</p>
      </Page>
    );
  }

  const called = t.status === "called" && t.workstation;
  return (
    <Page office={f.name({ name: t.branchName, translations: t.branchTranslations })}>
      {live && <FollowTicket ticket={t} refetch={() => void ticket.refetch()} />}
      {called && (
        <div className={css.called} role="alert" data-testid="go-to-window">
          <div className={css.calledText}>{f.t("track.goTo", { number: t.workstation!.number })}</div>
          {t.callCount > 1 && <div>{f.t("track.calledAgain")}</div>}
        </div>
      )}
      <section className={css.card}>
        <div className={css.caption}>{f.t("track.title")}</div>
        <div className={css.label} data-testid="track-label">
          {t.label}
        </div>
        <div className={css.service}>
          {f.name({ name: t.serviceName, translations: t.serviceTranslations })}
        </div>
        <div className={`${css.status} ${css[`status_${t.status}`] ?? ""}`} data-testid="track-status">
          {f.t(`track.status.${t.status}`)}
        </div>
        {t.status === "waiting" && (
          <div className={css.facts}>
            <div className={css.big} data-testid="track-position">
              {t.position ? f.t("peopleAhead", { count: t.position }) : f.t("nobodyAhead")}
            </div>
            {t.appointmentStart && (
              <div data-testid="track-appointment">
                {f.t("track.appointmentAt", { time: f.clock(t.appointmentStart) })}
              </div>
            )}
            {/* A booked visitor without an estimate is called at his time, the line above. */}
            {(t.estimatedWait || !t.appointmentStart) && (
              <div data-testid="track-wait">
                {t.estimatedWait ? f.quoteLine(t) : f.t("kiosk.nobodyServingTicket")}
              </div>
            )}
          </div>
        )}
        {(t.status === "waiting" || t.status === "called") && (
          <button
            type="button"
            className={alerts ? css.alertsOn : css.alerts}
            aria-pressed={alerts}
            onClick={() => {
              const next = !alerts;
              localStorage.setItem(ALERTS_KEY, next ? "on" : "off");
              setAlerts(next);
              // This tap is the user gesture that lets the page play sound later.
              if (next) void primeSound();
            }}
          >
            {alerts ? `✓ ${f.t("track.alertsOn")}` : f.t("track.alerts")}
          </button>
        )}
        {live && (
          <p className={css.live} data-testid="track-live">
            {f.t("track.live")}
          </p>
        )}
      </section>
      <VisitorPanels ticket={t} code={code} refetch={() => void ticket.refetch()} />
      {t.canCancel && <CancelTicket code={code} onDone={() => void ticket.refetch()} />}
      {(t.canRate || t.rating) && <Rating ticket={t} code={code} onDone={() => void ticket.refetch()} />}
    </Page>
  );
}

/**
 * Whether the page still follows the ticket: from the moment it sees a status, for as long as
 * `followUntil` says (a served or cancelled visit at once stops; a no-show after its undo window).
 */
function useFollowing(status: TicketStatus | undefined, setLive: (live: boolean) => void) {
  useEffect(() => {
    if (!status) return;
    const left = followUntil(status, Date.now()) - Date.now();
    setLive(left > 0);
    if (left <= 0 || left === Number.POSITIVE_INFINITY) return;
    const timer = setTimeout(() => setLive(false), left);
    return () => clearTimeout(timer);
  }, [status, setLive]);
}

/**
 * The office's live stream while the visit goes on: someone else's call in my service moves me
 * forward, anything about my ticket changes it. Rendered only while the page follows the ticket,
 * so a finished visit (or a code that names no ticket) holds no stream open.
 */
function FollowTicket({ ticket, refetch }: { ticket: PublicTicket; refetch: () => void }) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const current = useRef(ticket);
  current.current = ticket;
  const refetchRef = useRef(refetch);
  refetchRef.current = refetch;
  useEventStream({
    channel: "board",
    // The ticket names its office (there may be several).
    branchId: ticket.branchId,
    onOpen: () => refetchRef.current(),
    onEvent: (e) => {
      const d = e.data as unknown as BoardEventData;
      const mine = current.current;
      if (d.serviceId !== mine.serviceId && d.label !== mine.label) return;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => refetchRef.current(), 300);
    },
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return null;
}

/** The page's frame: the office's name and the language switch above what it shows. */
function Page({ office, children }: { office?: string; children: ReactNode }) {
  return (
    <PublicFrame office={office} officeTestId="track-office">
      {children}
    </PublicFrame>
  );
}

let chime: HTMLAudioElement | null = null;
async function primeSound() {
  chime ??= new Audio("/sounds/chime.wav");
  chime.muted = true;
  await chime.play().catch(() => {});
  chime.pause();
  chime.muted = false;
}

/** Sound and vibration when the ticket is called, and again on every recall, while the page is open. */
function useCallAlert(t: PublicTicket | undefined, enabled: boolean) {
  // A call is (first call time, call count): a recall, and a new call after the client was sent
  // back to the queue or to another service, both alert again.
  const lastCall = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (!t) return;
    const call = t.status === "called" ? `${t.calledAt}:${t.callCount}` : null;
    const previous = lastCall.current;
    lastCall.current = call;
    if (!enabled || previous === undefined || call === null || call === previous) return;
    chime ??= new Audio("/sounds/chime.wav");
    chime.currentTime = 0;
    void chime.play().catch(() => {});
    navigator.vibrate?.([400, 200, 400, 200, 400]);
  }, [t, enabled]);
}

function CancelTicket({ code, onDone }: { code: string; onDone: () => void }) {
  const f = useSurfaceFormat();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={css.link} onClick={() => setAsking(true)}>
        {f.t("track.cancel")}
      </button>
    );
  }
  return (
    <section className={css.confirm}>
      <p>{f.t("track.cancelConfirm")}</p>
      {failed && <p role="alert">{f.t("track.cancelFailed")}</p>}
      <div className={css.row}>
        <button
          type="button"
          className={css.danger}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await api.post(`/api/v1/tickets/${encodeURIComponent(code)}/cancel`, {});
              setAsking(false);
            } catch {
              setFailed(true);
            } finally {
              setBusy(false);
              onDone();
            }
          }}
        >
          {f.t("track.cancelYes")}
        </button>
        <button type="button" className={css.plain} onClick={() => setAsking(false)}>
          {f.t("track.cancelNo")}
        </button>
      </div>
    </section>
  );
}

function Rating({ ticket, code, onDone }: { ticket: PublicTicket; code: string; onDone: () => void }) {
  const f = useSurfaceFormat();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState("");
  const [state, setState] = useState<"idle" | "sending" | "failed">("idle");
  if (ticket.rating) {
    return (
      <section className={css.card}>
        <div className={css.thanks}>{f.t("track.thanks")}</div>
        <div data-testid="your-rating">{f.t("track.yourRating", { score: ticket.rating.score })}</div>
      </section>
    );
  }
  return (
    <form
      className={css.card}
      onSubmit={async (e) => {
        e.preventDefault();
        if (score === 0 || state === "sending") return;
        setState("sending");
        try {
          await api.post(`/api/v1/tickets/${encodeURIComponent(code)}/rating`, {
            score,
            ...(comment.trim() ? { comment: comment.trim() } : {}),
          });
          onDone();
        } catch {
          setState("failed");
          // Perhaps it was saved and only the answer was lost: show what the server has.
          onDone();
        }
      }}
    >
      <h2 className={css.rateTitle}>{f.t("track.rateTitle")}</h2>
      <fieldset className={css.stars} aria-label={f.t("track.rateTitle")}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            className={n <= score ? css.starOn : css.star}
            aria-label={f.t("track.stars", { count: n })}
            aria-pressed={n === score}
            onClick={() => setScore(n)}
          >
            ★
          </button>
        ))}
      </fieldset>
      <label className={css.commentLabel}>
        {f.t("track.comment")}
        <textarea value={comment} maxLength={2000} rows={3} onChange={(e) => setComment(e.target.value)} />
      </label>
      {state === "failed" && <p role="alert">{f.t("error")}</p>}
      <button type="submit" className={css.primary} disabled={score === 0 || state === "sending"}>
        {f.t("track.send")}
      </button>
    </form>
  );
}

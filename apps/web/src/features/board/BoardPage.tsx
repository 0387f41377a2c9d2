import { type Board, boardSchema } from "@dq/shared";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { api } from "../../app/api.ts";
import { readDeviceToken } from "../../app/device-token.ts";
import { useEventStream } from "../../app/events.ts";
import { setLanguage } from "../../app/i18n.ts";
import { localText } from "../../app/local-text.ts";
import { Announcer } from "../surface-kit/announcer.ts";
import { OfflineBanner, useNow, useSurfaceFormat } from "../surface-kit/common.tsx";
import { announcementText } from "../surface-kit/speech.ts";
import css from "./board.module.css";

/** A call is highlighted (and blinks) this long after it is made or repeated. */
const HIGHLIGHT_MS = 10_000;
/** A call is announced only if it is this recent (after a reconnect, older ones are just shown). */
const ANNOUNCE_WITHIN_MS = 60_000;
const VOICE_KEY = "dq.board.voice";
/** As many waiting labels as fit in full lines at 1920×1080; the rest are counted. */
const MAX_WAITING_SHOWN = 24;

const callKey = (c: Board["calls"][number]) => `${c.ticketId}:${c.calledAt}:${c.callCount}`;

export default function BoardPage() {
  const [token] = useState(() => readDeviceToken("board"));
  const board = useQuery({
    queryKey: ["board", token],
    queryFn: () => api.as(token).get("/api/v1/board", boardSchema),
    refetchInterval: 60_000,
  });
  const data = board.data;
  const f = useSurfaceFormat(data?.branch.timezone);

  // The board's own language, when its device options name one.
  useEffect(() => {
    if (data?.display.language) setLanguage(data.display.language);
  }, [data?.display.language]);

  const [voice, setVoice] = useState(() => localStorage.getItem(VOICE_KEY) !== "off");
  const voiceOn = voice && (data?.display.voice ?? true);
  const announcer = useRef<Announcer | null>(null);
  announcer.current ??= new Announcer({ voice: voiceOn, chimeUrl: "/sounds/chime.wav" });
  announcer.current.voice = voiceOn;
  useEffect(() => () => announcer.current?.stop(), []);

  const [highlight, setHighlight] = useState<ReadonlyMap<string, number>>(new Map());
  const now = useNow(1000);
  // Drop expired highlights, so the map stays as small as the calls on screen.
  useEffect(() => {
    setHighlight((h) => {
      const t = now.getTime();
      if ([...h.values()].every((until) => until > t)) return h;
      return new Map([...h].filter(([, until]) => until > t));
    });
  }, [now]);

  // Announce from the board's state, not from single events: whatever the board missed while it
  // was reconnecting still shows up in its next state. A call is (ticket, first call, call count):
  // a recall, and a new call after a return or a redirect, are new calls. The first state after
  // start-up only sets what is already known; anything older than a minute is not announced.
  const known = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!data) return;
    const keys = new Set(data.calls.map(callKey));
    const previous = known.current;
    known.current = keys;
    if (!previous) return;
    const serverNow = new Date(data.serverTime).getTime();
    const fresh = data.calls.filter(
      (c) =>
        !previous.has(callKey(c)) &&
        c.status === "called" &&
        serverNow - new Date(c.lastCalledAt).getTime() < ANNOUNCE_WITHIN_MS,
    );
    if (fresh.length === 0) return;
    setHighlight((h) => {
      const next = new Map(h);
      for (const c of fresh) next.set(c.ticketId, Date.now() + HIGHLIGHT_MS);
      return next;
    });
    // Oldest first, as they were made.
    for (const c of [...fresh].reverse()) {
      announcer.current?.announce({ text: announcementText(c.label, c.workstation, f.lang), lang: f.lang });
    }
  }, [data, f.lang]);

  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refetchSoon = () => {
    refetchTimer.current ??= setTimeout(() => {
      refetchTimer.current = undefined;
      void board.refetch();
    }, 100);
  };
  useEventStream({
    channel: "board",
    token,
    onEvent: (e) => {
      if (e.type.startsWith("ticket.") || e.type === "reset") refetchSoon();
    },
    onOpen: refetchSoon,
  });
  useEffect(() => () => clearTimeout(refetchTimer.current), []);

  const toggleVoice = () => {
    localStorage.setItem(VOICE_KEY, voice ? "off" : "on");
    setVoice(!voice);
  };

  return (
    <div className={css.board}>
      {/* Reconnecting: the calls last shown stay on screen; calls made meanwhile are announced after. */}
      <OfflineBanner />
      <header className={css.header}>
        <div className={css.office}>
          {data ? localText(data.branch.name, data.branch.nameTranslations, f.lang) : ""}
        </div>
        <Clock time={f.time(now)} date={f.date(now)} />
        <button
          type="button"
          className={css.voice}
          onClick={toggleVoice}
          aria-pressed={voiceOn}
          title={voiceOn ? f.t("board.voiceOn") : f.t("board.voiceOff")}
        >
          <SpeakerIcon on={voiceOn} />
        </button>
      </header>
      {data && <Calls data={data} highlight={highlight} now={now.getTime()} />}
      {data?.branch.runningText ? (
        <footer className={css.ticker}>
          <span className={css.tickerText}>
            {localText(data.branch.runningText, data.branch.runningTextTranslations, f.lang)}
          </span>
        </footer>
      ) : null}
      <SoundUnlock />
    </div>
  );
}

function Calls({
  data,
  highlight,
  now,
}: {
  data: Board;
  highlight: ReadonlyMap<string, number>;
  now: number;
}) {
  const f = useSurfaceFormat(data.branch.timezone);
  const showWaiting = data.display.showWaiting && data.waiting.length > 0;
  return (
    <main className={showWaiting ? css.withWaiting : css.callsOnly}>
      <section className={css.calls} aria-label={f.t("board.ticket")}>
        <div className={css.headRow}>
          <span>{f.t("board.ticket")}</span>
          <span>{f.t("board.window")}</span>
        </div>
        {data.calls.length === 0 && <div className={css.empty}>{f.t("board.noCalls")}</div>}
        <ol className={css.rows} style={{ ["--cols" as string]: olderColumns(data.calls.length - 1) }}>
          {data.calls.map((c, i) => {
            const fresh = (highlight.get(c.ticketId) ?? 0) > now;
            // Sizes follow the row: the longest of label and window number must fit its half.
            const chars = Math.max(4, c.label.length, c.workstation.number.length);
            return (
              <li
                style={{ ["--chars" as string]: chars }}
                // A recall re-creates the row, so that it blinks again.
                key={callKey(c)}
                className={[
                  css.row,
                  i === 0 ? css.newest : "",
                  fresh ? css.fresh : "",
                  c.status === "serving" ? css.serving : "",
                ].join(" ")}
                data-testid="board-call"
                data-fresh={fresh}
              >
                <span className={css.label}>{c.label}</span>
                <span className={css.arrow} aria-hidden="true">
                  →
                </span>
                <span className={css.window}>{c.workstation.number}</span>
              </li>
            );
          })}
        </ol>
      </section>
      {showWaiting && (
        <aside className={css.waiting} aria-label={f.t("board.waiting")}>
          <h2 className={css.waitingTitle}>{f.t("board.waiting")}</h2>
          <ul className={css.waitingList}>
            {data.waiting.slice(0, MAX_WAITING_SHOWN).map((w) => (
              <li key={w.label}>{w.label}</li>
            ))}
          </ul>
          {data.waiting.length > MAX_WAITING_SHOWN && (
            <div className={css.more}>
              {f.t("board.more", { count: data.waiting.length - MAX_WAITING_SHOWN })}
            </div>
          )}
        </aside>
      )}
    </main>
  );
}

/**
 * The newest call takes a row across the whole column; the older ones share the rest, in one
 * column while they are few and side by side when there are many, so they stay large enough to read.
 */
function olderColumns(older: number): number {
  return older <= 3 ? 1 : older <= 10 ? 2 : 3;
}

/**
 * Browsers play sound only after someone has touched the page (unless the board's browser is
 * started with --autoplay-policy=no-user-gesture-required). Until then, ask for one tap.
 */
function SoundUnlock() {
  const f = useSurfaceFormat();
  const [locked, setLocked] = useState(() => {
    const activation = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } })
      .userActivation;
    if (activation?.hasBeenActive) return false;
    try {
      const ctx = new AudioContext();
      const suspended = ctx.state === "suspended";
      void ctx.close();
      return suspended;
    } catch {
      return false;
    }
  });
  useEffect(() => {
    if (!locked) return;
    const unlock = () => setLocked(false);
    window.addEventListener("pointerdown", unlock, { once: true });
    window.addEventListener("keydown", unlock, { once: true });
    return () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
  }, [locked]);
  if (!locked) return null;
  return (
    <button type="button" className={css.unlock} onClick={() => setLocked(false)}>
      {f.t("board.enableSound")}
    </button>
  );
}

function SpeakerIcon({ on }: { on: boolean }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      {on ? <path d="M16 9a4 4 0 0 1 0 6M18.5 6.5a8 8 0 0 1 0 11" /> : <path d="M16 9l5 6M21 9l-5 6" />}
    </svg>
  );
}

function Clock({ time, date }: { time: string; date: string }) {
  return (
    <div className={css.clock}>
      <span className={css.time} data-testid="board-clock">
        {time}
      </span>
      <span className={css.date}>{date}</span>
    </div>
  );
}

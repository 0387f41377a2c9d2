import type { SpeechLanguage } from "./speech.ts";

const MAX_QUEUED = 12;
/** A voice that never reports the end of an utterance must not stop the queue. */
const SPEECH_TIMEOUT_MS = 12_000;
const CHIME_TIMEOUT_MS = 2_500;

export interface Announcement {
  text: string;
  lang: SpeechLanguage;
}

/**
 * Plays announcements one at a time: the chime, then the voice. New ones wait for the current one,
 * so calls never talk over each other; a long backlog (a burst of calls) keeps only the newest.
 */
export class Announcer {
  readonly #queue: Announcement[] = [];
  #busy = false;
  #chime: HTMLAudioElement | null = null;
  voice: boolean;

  constructor(options: { voice: boolean; chimeUrl: string }) {
    this.voice = options.voice;
    if (typeof Audio !== "undefined") {
      this.#chime = new Audio(options.chimeUrl);
      this.#chime.preload = "auto";
    }
  }

  get pending(): number {
    return this.#queue.length + (this.#busy ? 1 : 0);
  }

  announce(a: Announcement) {
    this.#queue.push(a);
    if (this.#queue.length > MAX_QUEUED) this.#queue.splice(0, this.#queue.length - MAX_QUEUED);
    if (!this.#busy) void this.#next();
  }

  /** Stops everything (the screen is closing). */
  stop() {
    this.#queue.length = 0;
    globalThis.speechSynthesis?.cancel();
  }

  async #next() {
    const a = this.#queue.shift();
    if (!a) {
      this.#busy = false;
      return;
    }
    this.#busy = true;
    try {
      await this.#playChime();
      if (this.voice) await speak(a);
    } finally {
      void this.#next();
    }
  }

  #playChime(): Promise<void> {
    const chime = this.#chime;
    if (!chime) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        chime.removeEventListener("ended", done);
        resolve();
      };
      const timer = setTimeout(done, CHIME_TIMEOUT_MS);
      chime.addEventListener("ended", done);
      chime.currentTime = 0;
      // Refused without a user gesture (autoplay policy): the board asks for one tap.
      chime.play().catch(done);
    });
  }
}

function pickVoice(lang: SpeechLanguage): SpeechSynthesisVoice | null {
  const voices = globalThis.speechSynthesis?.getVoices() ?? [];
  return voices.find((v) => v.lang.toLowerCase().startsWith(lang)) ?? null;
}

/**
 * The utterance being spoken. Holding it matters: Chromium may garbage-collect an utterance nobody
 * references, and then its `end` never fires (the queue would wait for the timeout every time).
 */
let speaking: SpeechSynthesisUtterance | null = null;

function speak(a: Announcement): Promise<void> {
  const synth = globalThis.speechSynthesis;
  if (!synth || typeof SpeechSynthesisUtterance === "undefined") return Promise.resolve();
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(a.text);
    speaking = u;
    u.lang = a.lang === "ru" ? "ru-RU" : "en-US";
    const voice = pickVoice(a.lang);
    if (voice) u.voice = voice;
    u.rate = 0.9;
    const timer = setTimeout(done, SPEECH_TIMEOUT_MS);
    function done() {
      clearTimeout(timer);
      if (speaking === u) speaking = null;
      resolve();
    }
    u.onend = done;
    u.onerror = done;
    synth.speak(u);
  });
}

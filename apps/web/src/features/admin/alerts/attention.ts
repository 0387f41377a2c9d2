/**
 * A short attention signal for a new or escalated alert, synthesised with Web Audio (three rising
 * beeps, unlike the board's call chime, so nobody mistakes one for the other). Browsers keep audio
 * suspended until the page has had a user gesture; until then the signal is skipped (not queued:
 * beeps scheduled on a suspended context would all sound at the next click, long after the alert),
 * and the banner offers a click to switch the sound on.
 */
let context: AudioContext | null = null;
const listeners = new Set<() => void>();

function audio(): AudioContext | null {
  if (context) return context;
  if (typeof AudioContext === "undefined") return null;
  try {
    context = new AudioContext();
  } catch {
    return null;
  }
  context.onstatechange = () => {
    for (const l of [...listeners]) l();
  };
  return context;
}

/** Read afresh each time (the state changes behind TypeScript's narrowing, across an await). */
const running = (ctx: AudioContext) => ctx.state === "running";

/** Lets later signals play: call from a user gesture (a click, a key press). */
export function unlockAttention() {
  const ctx = audio();
  if (ctx && !running(ctx)) void ctx.resume().catch(() => {});
}

/** Whether signals are skipped until the page is clicked (false where there is no Web Audio). */
export function attentionSuspended(): boolean {
  return context !== null && !running(context);
}

/** For useSyncExternalStore with `attentionSuspended`: creates the audio context to learn its state. */
export function subscribeAttention(listener: () => void): () => void {
  listeners.add(listener);
  audio();
  listener();
  return () => listeners.delete(listener);
}

/** How long to wait for a suspended context that the page is allowed to resume. */
const RESUME_WAIT_MS = 300;

/** Plays the signal now; resolves to whether it sounded (false while audio is suspended). */
export async function playAttention(): Promise<boolean> {
  const ctx = audio();
  if (!ctx) return false;
  if (!running(ctx)) {
    await Promise.race([
      ctx.resume().catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, RESUME_WAIT_MS)),
    ]);
    if (!running(ctx)) return false;
  }
  try {
    const start = ctx.currentTime + 0.02;
    for (const [i, frequency] of [660, 880, 1100].entries()) {
      const at = start + i * 0.18;
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = "triangle";
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.35, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.17);
    }
    return true;
  } catch {
    // No sound is better than a broken banner.
    return false;
  }
}

/**
 * A short attention signal for a new or escalated alert, synthesised with Web Audio (three rising
 * beeps, unlike the board's call chime, so nobody mistakes one for the other). Browsers keep audio
 * suspended until the page has had a user gesture; until then the signal is silently skipped.
 */
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof AudioContext === "undefined") return null;
  try {
    context ??= new AudioContext();
  } catch {
    return null;
  }
  return context;
}

/** Lets later signals play: call from a user gesture (a click, a key press). */
export function unlockAttention() {
  const ctx = audio();
  if (ctx?.state === "suspended") void ctx.resume().catch(() => {});
}

export function playAttention() {
  const ctx = audio();
  if (!ctx) return;
  if (ctx.state === "suspended") void ctx.resume().catch(() => {});
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
  } catch {
    // No sound is better than a broken banner.
  }
}

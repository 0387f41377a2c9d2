import type { TFunction } from "i18next";
import { useState } from "react";
import { ApiError } from "../../app/api.ts";
import { useNow } from "../../app/use-now.ts";

/**
 * How long sign-in stays refused after too many wrong passwords, in seconds: the server's
 * Retry-After, or the same figure in the error's details; null for any other error.
 */
export function lockoutSeconds(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.status !== 429) return null;
  const details = error.details as { retryAfterSeconds?: unknown } | undefined;
  const fromDetails = typeof details?.retryAfterSeconds === "number" ? details.retryAfterSeconds : null;
  return error.retryAfterSeconds ?? fromDetails;
}

/** The lockout in words: whole minutes (rounded up) from a minute on, then seconds; done at 0. */
export function lockoutText(t: TFunction, secondsLeft: number): string {
  if (secondsLeft <= 0) return t("unlocked");
  const wait =
    secondsLeft >= 60
      ? t("minutes", { count: Math.ceil(secondsLeft / 60) })
      : t("seconds", { count: secondsLeft });
  return t("locked", { wait });
}

/** Seconds left of a wait of `seconds` that began when the caller mounted, counting down. */
export function useSecondsLeft(seconds: number): number {
  const [until] = useState(() => Date.now() + seconds * 1000);
  const now = useNow(1000).getTime();
  return Math.max(0, Math.ceil((until - now) / 1000));
}

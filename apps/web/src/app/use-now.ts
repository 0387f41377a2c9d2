import { useEffect, useState } from "react";

/** The current time, re-rendered every `intervalMs` (clocks, countdowns, "waiting for 5 min"). */
export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

import { type BoardEventData, type CounterDisplay, counterDisplaySchema } from "@dq/shared";
import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { ApiError, api, isServerUnreachable } from "../../app/api.ts";
import { readDeviceToken } from "../../app/device-token.ts";
import { useEventStream } from "../../app/events.ts";
import type { SurfaceProps } from "../../app/surfaces.tsx";
import { OfflineBanner, useSurfaceFormat } from "../surface-kit/common.tsx";
import css from "./counter.module.css";

/**
 * The small screen above one window: the ticket called or served there, as large as it fits; with
 * none, whether the window is open, on a pause (with the reason, if it is one of the office's) or closed.
 */
export default function CounterPage({ params }: SurfaceProps) {
  const number = params[0] ?? "";
  const [token] = useState(() => readDeviceToken("counter"));
  const f = useSurfaceFormat();
  const counter = useQuery({
    queryKey: ["counter", number, token],
    queryFn: () => api.as(token).get(`/api/v1/counter/${encodeURIComponent(number)}`, counterDisplaySchema),
    refetchInterval: 60_000,
    retry: (n, error) =>
      isServerUnreachable(error) || (!(error instanceof ApiError && error.status === 404) && n < 1000),
  });
  const shown = useRef<string | null>(null);
  shown.current = counter.data?.ticket?.label ?? null;
  useEventStream({
    channel: "board",
    token,
    onOpen: () => void counter.refetch(),
    onEvent: (e) => {
      // An operator signed in, paused or left somewhere: this window may have opened or closed.
      if (e.type === "operator.status") return void counter.refetch();
      const d = e.data as unknown as BoardEventData;
      if (d.workstation?.number === number || (shown.current && d.label === shown.current))
        void counter.refetch();
    },
  });
  const t = counter.data?.ticket;
  const notFound = counter.error instanceof ApiError && counter.error.status === 404;
  return (
    <div className={`${css.counter} ${t?.status === "called" ? css.calling : ""}`}>
      <OfflineBanner className={css.offline} />
      <div className={css.window}>{f.t("counter.window", { number })}</div>
      {notFound ? (
        <div className={css.idle}>{f.t("counter.unknown", { number })}</div>
      ) : t ? (
        <>
          <div className={css.label} data-testid="counter-label">
            {t.label}
          </div>
          <div className={css.status}>
            {t.status === "called" ? f.t("counter.calling") : f.t("counter.serving")}
          </div>
        </>
      ) : (
        counter.data && <Idle counter={counter.data} />
      )}
    </div>
  );
}

/** No ticket at the window: open, on a pause, or closed. */
function Idle({ counter }: { counter: CounterDisplay }) {
  const f = useSurfaceFormat();
  const state = { open: "counter.free", paused: "counter.paused", closed: "counter.closed" } as const;
  return (
    <>
      <div className={css.idle} data-testid="counter-idle">
        {f.t(state[counter.window])}
      </div>
      {counter.pauseReason && (
        <div className={css.reason} data-testid="counter-pause-reason">
          {f.name(counter.pauseReason)}
        </div>
      )}
    </>
  );
}

import { publicQueueSchema, ticketCodeSchema } from "@dq/shared";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { api } from "../../app/api.ts";
import { useEventStream } from "../../app/events.ts";
import { LanguageButtons, OfflineBanner, useSurfaceFormat } from "../surface-kit/common.tsx";
import css from "./public-queue.module.css";

/** The public overview: how many wait for each service and how long a new ticket would wait. */
export default function PublicQueuePage() {
  const f = useSurfaceFormat();
  // `/queue?branch=<id>` for another office than the first one (an installation with several).
  const [branch] = useState(() => new URLSearchParams(window.location.search).get("branch"));
  const overview = useQuery({
    queryKey: ["overview", branch],
    queryFn: () =>
      api.get(
        `/api/v1/overview${branch ? `?branchId=${encodeURIComponent(branch)}` : ""}`,
        publicQueueSchema,
      ),
    refetchInterval: 60_000,
  });
  // Live, but at most every two seconds however busy the office is.
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEventStream({
    channel: "board",
    branchId: branch,
    onOpen: () => void overview.refetch(),
    onEvent: () => {
      timer.current ??= setTimeout(() => {
        timer.current = undefined;
        void overview.refetch();
      }, 2000);
    },
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <div className={css.page}>
      <OfflineBanner />
      <header className={css.header}>
        <h1 className={css.title}>{f.t("queue.title")}</h1>
        <LanguageButtons />
      </header>
      <main className={css.main}>
        <ul className={css.list}>
          {overview.data?.items.map((s) => (
            <li key={s.serviceId} className={css.item} data-testid="queue-service">
              <div className={css.name}>{f.name(s)}</div>
              {s.open ? (
                <div className={css.meta}>
                  <span className={css.count}>
                    {s.waiting === 0 ? f.t("noQueue") : f.t("waitingCount", { count: s.waiting })}
                  </span>
                  {s.estimatedWait && (
                    <span data-testid="queue-wait">
                      {f.t("queue.wait")}: {f.quote(s)}
                    </span>
                  )}
                </div>
              ) : (
                <div className={css.closed}>{f.t(`state.${s.state}`)}</div>
              )}
            </li>
          ))}
        </ul>
        <FindTicket />
      </main>
    </div>
  );
}

function FindTicket() {
  const f = useSurfaceFormat();
  const [code, setCode] = useState("");
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      className={css.find}
      onSubmit={(e) => {
        e.preventDefault();
        // As printed ("K7QM-4XPA") or typed any other way: any case, with or without the dash.
        const parsed = ticketCodeSchema.safeParse(code);
        if (!parsed.success) return setInvalid(true);
        window.location.assign(`/t/${parsed.data}`);
      }}
    >
      <label className={css.findLabel}>
        {f.t("queue.track")}
        <input
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            setInvalid(false);
          }}
          placeholder={f.t("queue.code")}
          autoCapitalize="characters"
          spellCheck={false}
          data-testid="find-code"
          autoComplete="off"
          aria-invalid={invalid}
        />
      </label>
      {invalid && <p className={css.error}>{f.t("queue.badCode")}</p>}
      <button type="submit">{f.t("queue.find")}</button>
    </form>
  );
}

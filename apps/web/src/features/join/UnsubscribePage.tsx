import { type UnsubscribeResult, unsubscribeResultSchema } from "@dq/shared";
import { useEffect, useState } from "react";
import { ApiError, api, isServerUnreachable } from "../../app/api.ts";
import type { SurfaceProps } from "../../app/surfaces.tsx";
import { PublicFrame } from "../surface-kit/PublicFrame.tsx";
import css from "./join.module.css";
import { trackPath } from "./join-api.ts";
import { useJoinText } from "./use-join-text.ts";

type Outcome = { kind: "done"; result: UnsubscribeResult } | { kind: "notFound" } | { kind: "failed" };

/** One request a token per page load, even when React runs the effect twice (StrictMode). */
const requests = new Map<string, Promise<Outcome>>();

async function unsubscribeByToken(token: string): Promise<Outcome> {
  try {
    const result = await api.post(
      `/api/v1/unsubscribe/${encodeURIComponent(token)}`,
      {},
      unsubscribeResultSchema,
    );
    return { kind: "done", result };
  } catch (error) {
    const reached: unknown = error;
    if (
      error instanceof ApiError &&
      !isServerUnreachable(reached) &&
      (error.status === 404 || error.status === 400)
    )
      return { kind: "notFound" };
    return { kind: "failed" };
  }
}

/** `/u/<token>`: the one-tap link in every message. Stops that subscription on opening and says so. */
export default function UnsubscribePage({ params }: SurfaceProps) {
  const x = useJoinText();
  const token = params[0] ?? "";
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    const key = `${token}#${attempt}`;
    let request = requests.get(key);
    if (!request) {
      request = unsubscribeByToken(token);
      requests.set(key, request);
    }
    let current = true;
    void request.then((o) => current && setOutcome(o));
    return () => {
      current = false;
    };
  }, [token, attempt]);

  return (
    <PublicFrame officeTestId="unsubscribe-office">
      <h1 className={css.title}>{x.t("unsubscribe.title")}</h1>
      {outcome === null && <p className={css.muted}>{x.t("unsubscribe.sending")}</p>}
      {outcome?.kind === "done" && <Stopped result={outcome.result} />}
      {outcome?.kind === "notFound" && (
        <section className={css.card}>
          <h2 className={css.subtitle} data-testid="unsubscribe-result">
            {x.t("unsubscribe.notFound")}
          </h2>
          <p className={css.muted}>{x.t("unsubscribe.notFoundHint")}</p>
        </section>
      )}
      {outcome?.kind === "failed" && (
        <section className={css.card}>
          <p className={css.error} role="alert" data-testid="unsubscribe-result">
            {x.t("unsubscribe.failed")}
          </p>
          <button
            type="button"
            className={css.primary}
            onClick={() => {
              setOutcome(null);
              setAttempt((n) => n + 1);
            }}
          >
            {x.t("unsubscribe.retry")}
          </button>
        </section>
      )}
    </PublicFrame>
  );
}

function Stopped({ result }: { result: UnsubscribeResult }) {
  const x = useJoinText();
  return (
    <section className={css.card}>
      <p className={css.success} role="status" data-testid="unsubscribe-result">
        {x.t("unsubscribe.done")}
      </p>
      <p className={css.muted} data-testid="unsubscribe-channel">
        {x.t("unsubscribe.doneChannel", {
          recipient: result.recipient,
          channel: x.t(`channel.${result.channel}`),
        })}
      </p>
      {result.ticketCode && (
        <>
          <p className={css.muted}>{x.t("unsubscribe.doneTicket", { label: result.ticketLabel ?? "" })}</p>
          <a className={css.secondary} href={trackPath(result.ticketCode)}>
            {x.t("unsubscribe.openTicket")}
          </a>
        </>
      )}
    </section>
  );
}

import { useEffect, useState } from "react";
import { PublicFrame } from "../surface-kit/PublicFrame.tsx";
import { arriveAtDoor, type HereOutcome } from "./here.ts";
import css from "./join.module.css";
import { trackPath } from "./join-api.ts";
import { useJoinText } from "./use-join-text.ts";

/** One report a door key per page load, even when React runs the effect twice (StrictMode). */
const reports = new Map<string, Promise<HereOutcome>>();

/**
 * `/here?door=<key>`: the QR code at the office's door. The visitor scans it with the phone he took
 * his ticket on; the page reports the arrival of the tickets this browser keeps (no code to type).
 */
export default function HerePage() {
  const x = useJoinText();
  const [door] = useState(() => new URLSearchParams(window.location.search).get("door") ?? "");
  const [outcome, setOutcome] = useState<HereOutcome | "failed" | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (door.length < 8) return;
    const key = `${door}#${attempt}`;
    let report = reports.get(key);
    if (!report) {
      report = arriveAtDoor(door, x.lang);
      reports.set(key, report);
    }
    let current = true;
    report.then(
      (o) => current && setOutcome(o),
      () => current && setOutcome("failed"),
    );
    return () => {
      current = false;
    };
  }, [door, attempt, x.lang]);

  return (
    <PublicFrame officeTestId="here-office">
      <h1 className={css.title}>{x.t("here.title")}</h1>
      {door.length < 8 ? (
        <p className={css.error} role="alert" data-testid="here-result">
          {x.t("here.badLink")}
        </p>
      ) : outcome === null ? (
        <p className={css.muted}>{x.t("here.sending")}</p>
      ) : outcome === "failed" ? (
        <section className={css.card}>
          <p className={css.error} role="alert" data-testid="here-result">
            {x.t("here.failed")}
          </p>
          <button type="button" className={css.primary} onClick={() => setAttempt((n) => n + 1)}>
            {x.t("here.retry")}
          </button>
        </section>
      ) : (
        <Outcome outcome={outcome} />
      )}
    </PublicFrame>
  );
}

function Outcome({ outcome }: { outcome: HereOutcome }) {
  const x = useJoinText();
  if (outcome.kind === "none") {
    return (
      <section className={css.card}>
        <h2 className={css.subtitle} data-testid="here-result">
          {x.t("here.none")}
        </h2>
        <p className={css.muted}>{x.t("here.noneHint")}</p>
        <a className={css.secondary} href="/join">
          {x.t("here.join")}
        </a>
      </section>
    );
  }
  const text =
    outcome.kind === "arrived"
      ? x.t("here.done", {
          count: outcome.tickets.length,
          labels: outcome.tickets.map((t) => t.label).join(", "),
        })
      : outcome.kind === "noneWaiting"
        ? x.t("here.noneWaiting")
        : (outcome.text ?? x.t(outcome.badLink ? "here.badLink" : "here.failed"));
  return (
    <section className={css.card}>
      <p
        className={outcome.kind === "arrived" ? css.success : css.notice}
        role="status"
        data-testid="here-result"
      >
        {text}
      </p>
      {outcome.kind === "arrived" && <p className={css.muted}>{x.t("here.doneHint")}</p>}
      <div className={css.actions}>
        {outcome.tickets.map((t) => (
          <a key={t.code} className={css.secondary} href={trackPath(t.code)}>
            {x.t("here.open", { label: t.label })}
          </a>
        ))}
      </div>
    </section>
  );
}

import { useState } from "react";
import { locate } from "./locate.ts";
import { reportArrival } from "./notify-api.ts";
import css from "./panels.module.css";
import { useVisitorText } from "./use-visitor-text.ts";
import { arrivalRefusal } from "./visitor-refusals.ts";

type State =
  | { name: "idle" }
  | { name: "locating" }
  | { name: "sending" }
  | { name: "refused"; text: string; qr: boolean };

/**
 * «Я на месте»: a remote ticket waiting for its holder to arrive. The phone's position is sent; if
 * the page may not see it (or the office takes no positions), the QR code at the door is explained.
 */
export function ArrivalPanel({
  code,
  onArrived,
  onDone,
}: {
  code: string;
  /** The office took the arrival (the panel goes once the ticket is read again: this says so). */
  onArrived: () => void;
  onDone: () => void;
}) {
  const x = useVisitorText();
  const [state, setState] = useState<State>({ name: "idle" });

  const arrive = async () => {
    setState({ name: "locating" });
    let position: GeolocationPosition;
    try {
      position = await locate();
    } catch (error) {
      const denied = (error as { code?: number }).code === 1;
      setState({ name: "refused", text: x.t(denied ? "arrival.denied" : "arrival.unavailable"), qr: true });
      return;
    }
    setState({ name: "sending" });
    try {
      await reportArrival(code, {
        latitude: position.coords.latitude,
        longitude: position.coords.longitude,
        accuracyMeters: Math.min(100_000, Math.round(position.coords.accuracy)),
      });
      setState({ name: "idle" });
      onArrived();
    } catch (error) {
      const why = arrivalRefusal(error, x.lang);
      setState({
        name: "refused",
        text: why.words ?? x.t(`arrival.${why.key}`, { count: why.count }),
        qr: why.qr,
      });
    } finally {
      onDone();
    }
  };

  const busy = state.name === "locating" || state.name === "sending";
  return (
    <section className={`${css.panel} ${css.arrival}`} data-testid="arrival-panel">
      <h2 className={css.panelTitle}>{x.t("arrival.title")}</h2>
      <p className={css.hint}>{x.t("arrival.hint")}</p>
      <button
        type="button"
        className={css.primary}
        disabled={busy}
        aria-busy={busy}
        onClick={() => void arrive()}
      >
        {state.name === "locating"
          ? x.t("arrival.locating")
          : state.name === "sending"
            ? x.t("arrival.sending")
            : x.t("arrival.button")}
      </button>
      {state.name === "refused" && (
        <div className={css.error} role="alert" data-testid="arrival-refused">
          <p>{state.text}</p>
          {state.qr && <p>{x.t("arrival.qr")}</p>}
        </div>
      )}
    </section>
  );
}

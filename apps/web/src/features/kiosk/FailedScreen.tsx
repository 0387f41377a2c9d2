import { useEffect } from "react";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import css from "./kiosk.module.css";

/** Why no ticket was issued (or a booked visitor not checked in); back to the start after 10 seconds. */
export function FailedScreen({
  message,
  title,
  onDone,
}: {
  message: string;
  title?: string;
  onDone: () => void;
}) {
  const f = useSurfaceFormat();
  useEffect(() => {
    const timer = setTimeout(onDone, 10_000);
    return () => clearTimeout(timer);
  }, [onDone]);
  return (
    <section className={css.failed} role="alert">
      <h1 className={css.title}>{title ?? f.t("kiosk.failed")}</h1>
      <p className={css.message} data-testid="failed-message">
        {message}
      </p>
      <button type="button" className={css.primary} onClick={onDone}>
        {f.t("kiosk.done")}
      </button>
    </section>
  );
}

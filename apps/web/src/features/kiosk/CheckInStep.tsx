import { useEffect, useState } from "react";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import { APPOINTMENT_CODE_LENGTH, CODE_KEYS, cleanCodeInput, codeSlots } from "./appointment-code.ts";
import "./checkin-texts.ts";
import css from "./kiosk.module.css";
import { QrScanner, useCanScan } from "./QrScanner.tsx";

/**
 * «У меня запись»: the visitor types his booking code on big keys (the code's own symbols only,
 * shown as XXXX-XXXX while it fills in) or, where the kiosk has a camera and a barcode reader,
 * holds the confirmation's QR code up to it. A physical keyboard works too.
 */
export function CheckInStep({
  initialCode = "",
  error,
  onSubmit,
  onBack,
}: {
  initialCode?: string;
  error?: string;
  onSubmit: (code: string) => void;
  onBack: () => void;
}) {
  const f = useSurfaceFormat();
  const [code, setCode] = useState(() => cleanCodeInput(initialCode));
  const [shownError, setShownError] = useState(error);
  const [scanning, setScanning] = useState(false);
  const canScan = useCanScan();
  const complete = code.length === APPOINTMENT_CODE_LENGTH;
  const type = (next: string) => {
    setShownError(undefined);
    setCode(cleanCodeInput(next));
  };
  const submit = () => complete && onSubmit(code);
  useTypedKeys(code, type, submit, !scanning);
  return (
    <section className={css.checkin} aria-labelledby="checkin-title" data-testid="checkin-step">
      <div className={css.titleRow}>
        <button type="button" className={css.back} onClick={scanning ? () => setScanning(false) : onBack}>
          ← {f.t("kiosk.back")}
        </button>
        <h1 id="checkin-title" className={css.title}>
          {f.t(scanning ? "checkin.scanTitle" : "checkin.title")}
        </h1>
      </div>
      {scanning ? (
        <>
          <QrScanner
            onCode={onSubmit}
            onFail={() => {
              setScanning(false);
              setShownError(f.t("checkin.cameraFailed"));
            }}
          />
          <button type="button" className={css.secondary} onClick={() => setScanning(false)}>
            {f.t("checkin.typeInstead")}
          </button>
        </>
      ) : (
        <>
          <p className={css.hint}>{f.t("checkin.hint")}</p>
          <output className={css.codeDisplay} aria-label={f.t("checkin.code")} data-testid="checkin-code">
            {codeSlots(code)}
          </output>
          {shownError && (
            <p className={css.checkinError} role="alert" data-testid="checkin-error">
              {shownError}
            </p>
          )}
          <CodeKeyboard code={code} onType={type} />
          <div className={canScan ? css.actions : css.actionsSingle}>
            {canScan && (
              <button type="button" className={css.secondary} onClick={() => setScanning(true)}>
                {f.t("checkin.scan")}
              </button>
            )}
            <button
              type="button"
              className={css.primary}
              disabled={!complete}
              onClick={submit}
              data-testid="checkin-submit"
            >
              {f.t("checkin.submit")}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** The code's 32 symbols, then «Стереть» (the last one) and «Очистить» (all). */
function CodeKeyboard({ code, onType }: { code: string; onType: (code: string) => void }) {
  const f = useSurfaceFormat();
  const full = code.length >= APPOINTMENT_CODE_LENGTH;
  return (
    <fieldset className={css.keyboard} aria-label={f.t("checkin.keyboard")}>
      {CODE_KEYS.map((key) => (
        <button
          key={key}
          type="button"
          className={css.key}
          disabled={full}
          onClick={() => onType(code + key)}
        >
          {key}
        </button>
      ))}
      <button
        type="button"
        className={`${css.key} ${css.keyWide}`}
        disabled={!code}
        onClick={() => onType(code.slice(0, -1))}
      >
        ⌫ {f.t("checkin.erase")}
      </button>
      <button
        type="button"
        className={`${css.key} ${css.keyWide}`}
        disabled={!code}
        onClick={() => onType("")}
      >
        {f.t("checkin.clear")}
      </button>
    </fieldset>
  );
}

/** A keyboard attached to the kiosk (or a code pasted): letters and digits type, Backspace erases, Enter submits. */
function useTypedKeys(code: string, type: (code: string) => void, submit: () => void, active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === "Backspace") type(code.slice(0, -1));
      else if (e.key === "Enter") submit();
      else if (e.key.length === 1) type(code + e.key);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [code, type, submit, active]);
}

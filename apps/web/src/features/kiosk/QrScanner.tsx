import { useEffect, useRef, useState } from "react";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import { codeFromScan } from "./appointment-code.ts";
import "./checkin-texts.ts";
import css from "./kiosk.module.css";

/** The browser's barcode reader (Chromium on Android, ChromeOS, macOS, Windows); not in TypeScript's DOM types yet. */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}
const detectorClass = () =>
  (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector ?? null;

const SCAN_EVERY_MS = 250;

/** Whether this kiosk can read a QR code: a barcode reader that knows QR, and a camera API. */
export function useCanScan(): boolean {
  const [can, setCan] = useState(false);
  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector || !navigator.mediaDevices?.getUserMedia) return;
    let alive = true;
    Detector.getSupportedFormats()
      .then((formats) => alive && setCan(formats.includes("qr_code")))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  return can;
}

/**
 * The camera's picture while it looks for the confirmation's QR code; the first code found is
 * handed over. The camera is let go when the step is left.
 */
export function QrScanner({ onCode, onFail }: { onCode: (code: string) => void; onFail: () => void }) {
  const f = useSurfaceFormat();
  const video = useRef<HTMLVideoElement>(null);
  const handlers = useRef({ onCode, onFail });
  handlers.current = { onCode, onFail };
  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return handlers.current.onFail();
    const detector = new Detector({ formats: ["qr_code"] });
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = async () => {
      if (stopped || !video.current) return;
      const found = await detector.detect(video.current).catch(() => []);
      const code = found.map((b) => codeFromScan(b.rawValue)).find((c) => c !== null);
      if (code && !stopped) return handlers.current.onCode(code);
      timer = setTimeout(look, SCAN_EVERY_MS);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "user" }, audio: false })
      .then((s) => {
        stream = s;
        // Left before the camera answered: let it go at once.
        if (stopped || !video.current) {
          for (const track of s.getTracks()) track.stop();
          return;
        }
        video.current.srcObject = s;
        void video.current.play().catch(() => undefined);
        void look();
      })
      .catch(() => !stopped && handlers.current.onFail());
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);
  return (
    <div className={css.scanner} data-testid="qr-scanner">
      <p className={css.hint}>{f.t("checkin.scanHint")}</p>
      <video
        ref={video}
        className={css.scannerVideo}
        muted
        playsInline
        aria-label={f.t("checkin.scanTitle")}
      />
    </div>
  );
}

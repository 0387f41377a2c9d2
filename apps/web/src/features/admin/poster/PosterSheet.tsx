import type { Language } from "@dq/shared";
import { useTranslation } from "react-i18next";
import { QrCode } from "../../surface-kit/QrCode.tsx";
import css from "./poster.module.css";
import { NS } from "./texts.ts";

/** What a sheet says in one language: the office's name, and the service's if the code opens one. */
export interface SheetLanguage {
  language: Language;
  office: string;
  service: string | null;
}

/**
 * One printable sheet: the office, the call to scan in each of the office's languages (its default
 * first and largest), the QR code and the address written out for those who type it.
 */
export function PosterSheet({
  kind,
  url,
  languages,
  testId,
}: {
  kind: "join" | "door";
  url: string;
  languages: SheetLanguage[];
  testId: string;
}) {
  const { i18n } = useTranslation(NS);
  const [first, ...others] = languages;
  if (!first) return null;
  const text = (language: Language) => i18n.getFixedT(language, NS);
  const headline = kind === "join" ? "poster.headline" : "poster.doorHeadline";
  const body = kind === "join" ? "poster.text" : "poster.doorText";
  return (
    <section className={css.sheet} data-testid={testId} lang={first.language}>
      <div className={css.office}>{first.office}</div>
      <div>
        <h2 className={css.headline}>{text(first.language)(headline)}</h2>
        <p className={css.text}>{text(first.language)(body)}</p>
      </div>
      {first.service && <div className={css.service}>{first.service}</div>}
      <QrCode value={url} className={css.qr} />
      {/* The door's key is no address to type: its sheet has the code alone. */}
      {kind === "join" && <div className={css.url}>{url}</div>}
      {others.map((o) => (
        <div key={o.language} className={css.other} lang={o.language}>
          <h3 className={css.headline}>{text(o.language)(headline)}</h3>
          <p className={css.text}>
            {text(o.language)(body)}
            {o.service && ` — ${o.service}`}
          </p>
        </div>
      ))}
    </section>
  );
}

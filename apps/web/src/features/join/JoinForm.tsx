import { type PublicTicket, phoneSchema, type RemoteJoinInfo, type RemoteTicketCreate } from "@dq/shared";
import { useId, useState } from "react";
import { issueText, zodIssueText } from "../../app/field-issues.ts";
import { browserId } from "./browser-id.ts";
import { QueueLine } from "./JoinServiceList.tsx";
import css from "./join.module.css";
import { useJoin } from "./join-api.ts";
import { joinFailure } from "./join-errors.ts";
import { useJoinText } from "./use-join-text.ts";

type Service = RemoteJoinInfo["services"][number];
export type JoinChoice = { categoryId: string | null; phone: string; consent: boolean };

type Props = {
  info: RemoteJoinInfo;
  service: Service;
  choice: JoinChoice;
  onChoice: (c: JoinChoice) => void;
  onBack: () => void;
  /** The ticket, and the phone the visitor agreed to keep for SMS (null: none). */
  onJoined: (ticket: PublicTicket, smsPhone: string | null) => void;
  /** A refusal that may have changed the offer (a service closed meanwhile): read it again. */
  onRefused: () => void;
};

/** The second step: the chosen service, a category if the office asks, an optional phone, the button. */
export function JoinForm({ info, service, choice, onChoice, onBack, onJoined, onRefused }: Props) {
  const x = useJoinText();
  // Here, not per tap: tapping again after a lost answer is the same attempt with the same key.
  const join = useJoin();
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const askPhone = info.channels.sms;

  const submit = async () => {
    if (sending) return;
    setMessage(null);
    const phoneText = askPhone ? choice.phone.trim() : "";
    const phone = phoneText ? phoneSchema.safeParse(phoneText) : null;
    if (phone && !phone.success) {
      setPhoneError(zodIssueText(phone.error.issues[0]!));
      return;
    }
    setPhoneError(null);
    setSending(true);
    const browser = browserId();
    const request: RemoteTicketCreate = {
      serviceId: service.id,
      ...(choice.categoryId ? { categoryId: choice.categoryId } : {}),
      ...(phone?.success ? { phone: phone.data, phoneConsent: choice.consent } : {}),
      ...(browser ? { browserId: browser } : {}),
      language: x.lang,
    };
    try {
      const ticket = await join(request);
      onJoined(ticket, phone?.success && choice.consent ? phone.data : null);
    } catch (error) {
      const failure = joinFailure(error, x.lang);
      if (failure.kind === "fields") {
        const { phone: onPhone, ...others } = failure.fields;
        if (onPhone) setPhoneError(issueText(onPhone));
        const other = Object.values(others)[0];
        if (other) setMessage(issueText(other));
      } else {
        setMessage(
          failure.kind === "reason" ? failure.text : x.t(`errors.${failure.text}`, { count: failure.count }),
        );
        onRefused();
      }
      setSending(false);
    }
  };

  return (
    <form
      className={css.form}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <section className={`${css.card} ${css.summary}`} data-testid="join-chosen">
        <div>
          <div className={css.serviceName}>{x.name(service)}</div>
          <QueueLine service={service} />
        </div>
        <button type="button" className={css.linkButton} onClick={onBack}>
          {x.t("change")}
        </button>
      </section>
      {!service.open ? (
        // Not joinable now (the summary says why): nothing to fill in, only a way back.
        <button type="button" className={css.secondary} onClick={onBack}>
          {x.t("chooseAnother")}
        </button>
      ) : (
        <JoinFields
          info={info}
          choice={choice}
          onChoice={onChoice}
          askPhone={askPhone}
          phoneError={phoneError}
          message={message}
          sending={sending}
        />
      )}
    </form>
  );
}

/** The form's fields below the chosen service, the refusal (if any) and the button. */
function JoinFields(props: {
  info: RemoteJoinInfo;
  choice: JoinChoice;
  onChoice: (c: JoinChoice) => void;
  askPhone: boolean;
  phoneError: string | null;
  message: string | null;
  sending: boolean;
}) {
  const { info, choice, onChoice, askPhone, phoneError, message, sending } = props;
  const x = useJoinText();
  return (
    <>
      {info.categories.length > 0 && (
        <CategoryChoice
          categories={info.categories}
          value={choice.categoryId}
          onChange={(categoryId) => onChoice({ ...choice, categoryId })}
        />
      )}
      {askPhone && <PhoneFields choice={choice} onChoice={onChoice} error={phoneError} />}
      {info.arrivalCheckIn && <p className={css.notice}>{x.t("arrivalNote")}</p>}
      {message && (
        <p className={css.error} role="alert" data-testid="join-error">
          {message}
        </p>
      )}
      <button type="submit" className={css.primary} disabled={sending} aria-busy={sending}>
        {sending ? x.t("sending") : x.t("submit")}
      </button>
    </>
  );
}

/** «Вы относитесь к льготной категории?»: none (the regular queue) or one of the office's categories. */
function CategoryChoice({
  categories,
  value,
  onChange,
}: {
  categories: RemoteJoinInfo["categories"];
  value: string | null;
  onChange: (categoryId: string | null) => void;
}) {
  const x = useJoinText();
  const name = useId();
  const options = [
    { id: null, label: x.t("noCategory") },
    ...categories.map((c) => ({ id: c.id, label: x.name(c) })),
  ];
  return (
    <fieldset className={`${css.card} ${css.choices}`}>
      <legend className={css.legend}>{x.t("category")}</legend>
      <p className={css.muted}>{x.t("categoryHint")}</p>
      {options.map((c) => (
        <label key={c.id ?? "none"} className={css.radio}>
          <input type="radio" name={name} checked={value === c.id} onChange={() => onChange(c.id)} />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The optional phone, and the consent to keep it for SMS about this ticket. */
function PhoneFields({
  choice,
  onChoice,
  error,
}: {
  choice: JoinChoice;
  onChoice: (c: JoinChoice) => void;
  error: string | null;
}) {
  const x = useJoinText();
  const id = useId();
  return (
    <section className={css.card}>
      <div className={css.field}>
        <label htmlFor={`${id}-phone`}>{x.t("phone")}</label>
        <input
          id={`${id}-phone`}
          type="tel"
          name="phone"
          autoComplete="tel"
          inputMode="tel"
          value={choice.phone}
          aria-invalid={!!error}
          aria-describedby={`${id}-phone-note`}
          onChange={(e) => onChoice({ ...choice, phone: e.target.value })}
        />
        <span id={`${id}-phone-note`} className={error ? css.fieldError : css.hint}>
          {error ?? x.t("phoneHint")}
        </span>
      </div>
      <label className={css.checkbox}>
        <input
          type="checkbox"
          checked={choice.consent}
          onChange={(e) => onChoice({ ...choice, consent: e.target.checked })}
        />
        <span>
          {x.t("smsConsent")}
          <span className={css.hint}>{x.t("smsConsentHint")}</span>
        </span>
      </label>
    </section>
  );
}

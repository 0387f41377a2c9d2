import { subscriptionCreateSchema } from "@dq/shared";
import { useId, useState } from "react";
import { ApiError } from "../../app/api.ts";
import { issueText, zodIssueText } from "../../app/field-issues.ts";
import { subscribe } from "./notify-api.ts";
import css from "./panels.module.css";
import { useVisitorText } from "./use-visitor-text.ts";
import { subscribeFailureKey } from "./visitor-refusals.ts";

type Field = "phone" | "consent" | "email";

/** The SMS form (phone and consent) or the e-mail form; checked with the API's own schema first. */
export function ContactSubscribe({
  code,
  channel,
  onDone,
  onCancel,
}: {
  code: string;
  channel: "sms" | "email";
  onDone: () => void;
  onCancel: () => void;
}) {
  const x = useVisitorText();
  const id = useId();
  const [value, setValue] = useState("");
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async () => {
    if (sending) return;
    setMessage(null);
    const raw =
      channel === "sms"
        ? { channel, phone: value.trim(), consent: consent || undefined, language: x.lang }
        : { channel, email: value.trim(), language: x.lang };
    const parsed = subscriptionCreateSchema.safeParse(raw);
    if (!parsed.success) {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) found[issue.path[0] as Field] ??= zodIssueText(issue);
      setErrors(found);
      return;
    }
    setErrors({});
    setSending(true);
    try {
      await subscribe(code, parsed.data);
      onDone();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : {};
      if (Object.keys(fields).length > 0) {
        setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, issueText(v)])));
      } else setMessage(x.t(`notify.${subscribeFailureKey(error)}`));
    } finally {
      setSending(false);
    }
  };

  const field: Field = channel === "sms" ? "phone" : "email";
  return (
    <form
      className={css.subForm}
      noValidate
      data-testid={`notify-${channel}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className={css.field}>
        <label htmlFor={`${id}-${field}`}>
          {x.t(channel === "sms" ? "notify.phone" : "notify.emailLabel")}
        </label>
        <input
          id={`${id}-${field}`}
          type={channel === "sms" ? "tel" : "email"}
          inputMode={channel === "sms" ? "tel" : "email"}
          autoComplete={channel === "sms" ? "tel" : "email"}
          value={value}
          aria-invalid={!!errors[field]}
          aria-describedby={`${id}-${field}-note`}
          onChange={(e) => setValue(e.target.value)}
        />
        <span id={`${id}-${field}-note`} className={errors[field] ? css.fieldError : css.hint}>
          {errors[field] ?? (channel === "sms" ? x.t("notify.phoneHint") : "")}
        </span>
      </div>
      {channel === "sms" && (
        <label className={css.checkbox}>
          <input
            type="checkbox"
            checked={consent}
            aria-invalid={!!errors.consent}
            onChange={(e) => setConsent(e.target.checked)}
          />
          <span>
            {x.t("notify.consent")}
            {errors.consent && <span className={css.fieldError}>{errors.consent}</span>}
          </span>
        </label>
      )}
      {message && (
        <p className={css.error} role="alert">
          {message}
        </p>
      )}
      <div className={css.row}>
        <button type="submit" className={css.primary} disabled={sending} aria-busy={sending}>
          {sending ? x.t("notify.sending") : x.t("notify.subscribe")}
        </button>
        <button type="button" className={css.plain} onClick={onCancel}>
          {x.t("notify.cancel")}
        </button>
      </div>
    </form>
  );
}

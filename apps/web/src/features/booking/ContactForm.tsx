import { appointmentCreateSchema, nameSchema, phoneSchema } from "@dq/shared";
import { useId, useState } from "react";
import { issueText, zodIssueText } from "../../app/field-issues.ts";
import css from "./booking.module.css";
import type { Booked, BookingRequest } from "./booking-api.ts";
import { bookingFailure } from "./booking-errors.ts";
import { useBookingText } from "./use-booking-text.ts";

export type Contact = { name: string; phone: string; email: string };
type Field = keyof Contact;

const emailSchema = appointmentCreateSchema.shape.email.unwrap();

/** The form's own check, with the API's schemas: a message per field that is wrong. */
function checkContact(c: Contact): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  const name = nameSchema.safeParse(c.name);
  if (!name.success) out.name = zodIssueText(name.error.issues[0]!);
  const phone = phoneSchema.safeParse(c.phone);
  if (!phone.success) out.phone = zodIssueText(phone.error.issues[0]!);
  if (c.email.trim()) {
    const email = emailSchema.safeParse(c.email.trim());
    if (!email.success) out.email = zodIssueText(email.error.issues[0]!);
  }
  return out;
}

type Props = {
  /** Books (useBook: the same request again is the same attempt, with the same key). */
  book: (request: BookingRequest) => Promise<Booked>;
  serviceId: string;
  start: string;
  contact: Contact;
  onContact: (c: Contact) => void;
  onBooked: (booked: Booked) => void;
  /** The time was taken meanwhile, or is no longer a slot: choose another. */
  onPickAgain: (why: "slotFull" | "notASlot") => void;
};

/** Name, phone, optional e-mail and the button that books. */
export function ContactForm({ book, serviceId, start, contact, onContact, onBooked, onPickAgain }: Props) {
  const x = useBookingText();
  const id = useId();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async () => {
    if (sending) return;
    const found = checkContact(contact);
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length > 0) return;
    setSending(true);
    try {
      const email = contact.email.trim();
      const booked = await book({
        serviceId,
        start,
        name: contact.name.trim(),
        phone: phoneSchema.parse(contact.phone),
        ...(email ? { email } : {}),
        language: x.lang,
      });
      onBooked(booked);
    } catch (error) {
      const failure = bookingFailure(error);
      if (failure.kind === "pickAgain") onPickAgain(failure.text);
      else if (failure.kind === "fields") {
        setErrors(Object.fromEntries(Object.entries(failure.fields).map(([k, v]) => [k, issueText(v)])));
      } else setMessage(x.t(`errors.${failure.text}`, { count: failure.count }));
      setSending(false);
    }
  };

  const input = (field: Field, type: string, autoComplete: string, hint?: string) => (
    <div className={css.field}>
      <label htmlFor={`${id}-${field}`}>{x.t(field)}</label>
      <input
        id={`${id}-${field}`}
        type={type}
        name={field}
        autoComplete={autoComplete}
        inputMode={type === "tel" ? "tel" : undefined}
        value={contact[field]}
        aria-invalid={!!errors[field]}
        aria-describedby={`${id}-${field}-note`}
        onChange={(e) => onContact({ ...contact, [field]: e.target.value })}
      />
      <span id={`${id}-${field}-note`} className={errors[field] ? css.fieldError : css.hint}>
        {errors[field] ?? hint}
      </span>
    </div>
  );

  return (
    <form
      className={css.card}
      noValidate
      aria-label={x.t("yourDetails")}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {input("name", "text", "name")}
      {input("phone", "tel", "tel", x.t("phoneHint"))}
      {input("email", "email", "email")}
      <p className={css.consent}>{x.t("consent")}</p>
      {message && (
        <p className={css.error} role="alert" data-testid="booking-error">
          {message}
        </p>
      )}
      <button type="submit" className={css.primary} disabled={sending} aria-busy={sending}>
        {sending ? x.t("sending") : x.t("submit")}
      </button>
    </form>
  );
}

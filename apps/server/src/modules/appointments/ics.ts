/**
 * An appointment as an iCalendar file (RFC 5545) for the visitor's calendar: one VEVENT, times in
 * UTC, text escaped, lines folded at 75 octets, CRLF line endings.
 */
export interface IcsEvent {
  code: string;
  start: Date;
  end: Date;
  /** DTSTAMP: when the appointment last changed, so that a re-imported file reads as newer. */
  stamp: Date;
  /** SEQUENCE: grows with each change of the appointment (see `icsSequence`). */
  sequence: number;
  /** A cancelled appointment: STATUS:CANCELLED and METHOD:CANCEL, so calendars drop the event. */
  cancelled: boolean;
  summary: string;
  location: string;
  description: string;
  /** The appointment's page (`/b/<code>`), absolute. */
  url: string;
}

/**
 * The event's SEQUENCE (RFC 5545 §3.8.7.4): calendars take an update of a UID only with a higher
 * one. Nothing counts changes in the database, so it is the whole seconds from the booking to its
 * last change (`updated_at`): every reschedule, cancel or check-in moves `updated_at` forward,
 * so the number never goes down (not the seconds of `updated_at` itself, which a clock set back
 * could lower), and it is 0 for an untouched booking.
 */
export function icsSequence(createdAt: Date, updatedAt: Date): number {
  return Math.max(0, Math.floor((updatedAt.getTime() - createdAt.getTime()) / 1000));
}

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newline escaped in TEXT values. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** "20261207T070000Z" */
export function utcStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** RFC 5545 §3.1: lines longer than 75 octets continue on the next line after a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    // The first line holds 75 octets; continuation lines 74 after their leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export function appointmentIcs(e: IcsEvent): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//DigitalQueue//Appointments//EN",
    "CALSCALE:GREGORIAN",
    e.cancelled ? "METHOD:CANCEL" : "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${e.code}@digitalqueue`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${utcStamp(e.stamp)}`,
    `DTSTART:${utcStamp(e.start)}`,
    `DTEND:${utcStamp(e.end)}`,
    `STATUS:${e.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    `SUMMARY:${escapeText(e.summary)}`,
    `LOCATION:${escapeText(e.location)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
    `URL:${e.url}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}

import type { VisitorChannelsConfig } from "../../core/config.ts";
import { DeliveryError } from "../alerts/delivery-error.ts";

const TIMEOUT_MS = 10_000;

export type SmsGateway = NonNullable<VisitorChannelsConfig["sms"]>;

/** The gateway's URL with {phone} and {text} filled in, URL-encoded. */
export function smsUrl(gateway: SmsGateway, phone: string, text: string): string {
  return gateway.url
    .replaceAll("{phone}", encodeURIComponent(phone))
    .replaceAll("{text}", encodeURIComponent(text));
}

/**
 * The POST body with {phone} and {text} filled in, escaped for the content type: a JSON string's
 * inside (the template's quotes stay the template's), or form-encoded. Without a template, the
 * two fields as an object of that type.
 */
export function smsBody(gateway: SmsGateway, phone: string, text: string): string {
  const json = gateway.contentType === "application/json";
  if (!gateway.body) {
    return json ? JSON.stringify({ phone, text }) : new URLSearchParams({ phone, text }).toString();
  }
  const encode = json
    ? (s: string) => JSON.stringify(s).slice(1, -1)
    : (s: string) => encodeURIComponent(s).replaceAll("%20", "+");
  // One pass, so a {text} inside the phone (or the other way round) is never expanded.
  return gateway.body.replace(/\{(phone|text)\}/g, (_m, name: string) =>
    encode(name === "phone" ? phone : text),
  );
}

/**
 * Sends one SMS through the configured gateway. Errors name the status only: the URL may hold the
 * gateway's key (SMS.ru's api_id) and the Authorization header its password.
 */
export async function sendSms(gateway: SmsGateway, phone: string, text: string): Promise<void> {
  const headers: Record<string, string> = { "user-agent": "DigitalQueue/1" };
  if (gateway.authorization) headers.authorization = gateway.authorization;
  const post = gateway.method === "POST";
  if (post) headers["content-type"] = gateway.contentType;
  let res: Response;
  try {
    res = await fetch(smsUrl(gateway, phone, text), {
      method: gateway.method,
      headers,
      ...(post ? { body: smsBody(gateway, phone, text) } : {}),
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new DeliveryError(`SMS gateway: ${failure(error)}`);
  }
  await res.body?.cancel();
  if (res.status >= 200 && res.status < 300) return;
  const retryAfter = Number(res.headers.get("retry-after"));
  throw new DeliveryError(`SMS gateway: HTTP ${res.status}`, {
    // A refusal (bad number, no money, bad key) gets the same answer again; throttling may pass.
    permanent: res.status < 500 && res.status !== 408 && res.status !== 429,
    retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
  });
}

function failure(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return `no answer in ${TIMEOUT_MS / 1000} s`;
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === "string" && /^[A-Z_0-9]+$/.test(code) ? code : "could not connect";
}

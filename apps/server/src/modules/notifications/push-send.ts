import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import webpush from "web-push";
import type { VisitorChannelsConfig } from "../../core/config.ts";
import { DeliveryError } from "../alerts/delivery-error.ts";
import { type ResolvedAddress, type Resolver, resolvePushTarget } from "./push-guard.ts";
import type { VapidKeys } from "./vapid.ts";

const TIMEOUT_MS = 10_000;
/** A queue message is useless a few hours later; the push service may drop it after that. */
const TTL_SECONDS = 4 * 3600;

export interface PushSubscriptionTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface WebPushOptions {
  config: VisitorChannelsConfig;
  vapidKeys: () => Promise<VapidKeys>;
  /** Tests' DNS; the system's otherwise. */
  resolve?: Resolver;
}

/**
 * Sends one Web Push message (the payload as the outbox holds it, encrypted aes128gcm for the
 * browser's keys, signed with VAPID) to the address the guard checked. A 404/410 means the browser
 * unsubscribed: the error is permanent and `gone`, and delivery stops the subscription.
 */
export async function sendWebPush(
  target: PushSubscriptionTarget,
  payload: string,
  options: WebPushOptions,
): Promise<void> {
  const checked = await resolvePushTarget(target.endpoint, options.config.pushAllowedHosts, options.resolve);
  if (!checked.ok) {
    // Resolution may fail for a while; a non-public address is a refusal for good, and ends the
    // subscription (its name was public when it subscribed: it has been pointed elsewhere since).
    const refused = checked.issue === "pushEndpointNotPublic";
    throw new DeliveryError(`Web Push: endpoint refused (${checked.reason})`, {
      permanent: refused,
      gone: refused,
    });
  }
  const keys = await options.vapidKeys();
  let details: ReturnType<typeof webpush.generateRequestDetails>;
  try {
    details = webpush.generateRequestDetails(target, payload, {
      vapidDetails: { subject: options.config.vapidSubject, ...keys },
      TTL: TTL_SECONDS,
      urgency: "high",
      contentEncoding: "aes128gcm",
    });
  } catch (error) {
    // Bad keys from the browser: encrypting will never work.
    throw new DeliveryError(`Web Push: ${(error as Error).message}`, { permanent: true });
  }
  const answer = await post(checked.url, checked.address, details);
  if (answer.status >= 200 && answer.status < 300) return;
  throw pushFailure(answer.status, answer.retryAfter);
}

function pushFailure(status: number, retryAfter: string | undefined): DeliveryError {
  const seconds = Number(retryAfter);
  return new DeliveryError(`Web Push: HTTP ${status}`, {
    // 404/410: the subscription has expired or was withdrawn by the browser.
    gone: status === 404 || status === 410,
    permanent: status < 500 && ![408, 425, 429].includes(status),
    retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null,
  });
}

/** A lookup that answers only the checked address: the connection cannot go anywhere else. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  }) as LookupFunction;
}

/**
 * Posts the encrypted message. One deadline covers connecting, sending and the answer's status
 * line; the answer's body is not read at all, so a push service that drips it (an anonymous
 * visitor's endpoint may point anywhere public) cannot hold the delivery loop.
 */
function post(
  url: URL,
  pinned: ResolvedAddress | null,
  details: ReturnType<typeof webpush.generateRequestDetails>,
): Promise<{ status: number; retryAfter: string | undefined }> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: details.headers as Record<string, string>,
        ...(pinned ? { lookup: pinnedLookup(pinned) } : {}),
      },
      (res) => {
        clearTimeout(deadline);
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"]?.toString() });
        res.destroy();
      },
    );
    const deadline = setTimeout(() => request.destroy(new Error("timeout")), TIMEOUT_MS);
    request.on("error", (error) => {
      clearTimeout(deadline);
      const code = (error as { code?: string }).code;
      reject(
        new DeliveryError(
          `Web Push: ${error.message === "timeout" ? `no answer in ${TIMEOUT_MS / 1000} s` : (code ?? "could not connect")}`,
        ),
      );
    });
    request.end(details.body ?? undefined);
  });
}

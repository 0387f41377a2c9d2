import { createHash, randomBytes } from "node:crypto";

/** Secrets are random; only their SHA-256 is stored, so a database leak reveals no usable token. */
export function newSecret(prefix: string): { token: string; hash: string; displayPrefix: string } {
  const token = `${prefix}${randomBytes(24).toString("base64url")}`;
  return { token, hash: hashSecret(token), displayPrefix: token.slice(0, prefix.length + 6) };
}

export function hashSecret(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const DEVICE_TOKEN_PREFIX = "dqd_";
export const API_TOKEN_PREFIX = "dqa_";
export const SESSION_COOKIE = "dq_session";

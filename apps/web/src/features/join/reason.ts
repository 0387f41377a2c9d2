/**
 * A refusal's own words: the server's `details.reason` ({ru, en}) in the page's language, or null
 * when the answer carries none.
 */
export function reasonText(details: unknown, lang: string): string | null {
  const reason = (details as { reason?: unknown } | null | undefined)?.reason;
  if (!reason || typeof reason !== "object") return null;
  const words = (reason as Record<string, unknown>)[lang] ?? (reason as Record<string, unknown>).ru;
  return typeof words === "string" && words ? words : null;
}

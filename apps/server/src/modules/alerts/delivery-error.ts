/** Why a message was not sent; `permanent` failures are not retried. */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  /**
   * The recipient no longer exists (a Web Push 404/410: the browser withdrew the subscription);
   * delivery stops the visitor's subscription. Always permanent.
   */
  readonly gone: boolean;
  readonly retryAfterMs: number | null;
  constructor(
    message: string,
    options: { permanent?: boolean; gone?: boolean; retryAfterMs?: number | null } = {},
  ) {
    super(message);
    this.gone = options.gone ?? false;
    this.permanent = this.gone || (options.permanent ?? false);
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

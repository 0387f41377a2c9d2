/**
 * At most one operator action at a time. The mutation's own `isPending` reaches the screen only
 * after a render, so the second click of an instant double click (or a key pressed right after a
 * click) would start a second request; this flag is set in the same event that starts the first.
 */
export class SingleFlight {
  #running = false;

  get running(): boolean {
    return this.#running;
  }

  /** Runs `task` unless one is still running; returns whether it ran. */
  run(task: () => Promise<unknown>): boolean {
    if (this.#running) return false;
    this.#running = true;
    let settled: Promise<unknown>;
    try {
      settled = task();
    } catch {
      settled = Promise.resolve();
    }
    void settled.then(
      () => this.#done(),
      () => this.#done(),
    );
    return true;
  }

  #done() {
    this.#running = false;
  }
}

/**
 * Sends an action, then runs `after` with its result. Written out, not `after?.(await send())`:
 * an optional call skips its arguments, the request included, when there is no `after`.
 */
export async function sendThen<T>(send: () => Promise<T>, after?: (result: T) => void): Promise<void> {
  const result = await send();
  after?.(result);
}

/**
 * At most `limit` of these requests at work at once; the others wait their turn in memory. Public
 * reads that arrive together by the hundred (every tracking page refreshing after a call) then hold
 * only a few of the database pool's connections, and staff actions (call next) never queue behind them.
 */
export class ConcurrencyLimit {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running++;
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}

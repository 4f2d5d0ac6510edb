/**
 * Acknowledgements have a 3-second deadline; the work behind them does not (the interaction token
 * lives 15 minutes). Under a burst, work waits until every acknowledgement already started has been
 * sent, so that no defer queues behind another command's dispatcher or provider work.
 */
export class AckFirst {
  private pending = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly maxWaitMs = 2_000) {}

  /** Runs `ack` counted as pending until it settles. */
  async ack<T>(ack: () => Promise<T>): Promise<T> {
    this.pending++;
    try {
      return await ack();
    } finally {
      this.pending--;
      if (this.pending === 0) this.release();
    }
  }

  /** Resolves once no acknowledgement is in flight (at most `maxWaitMs` later), after pending I/O. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      if (this.pending === 0) {
        setImmediate(resolve);
        return;
      }
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      }, this.maxWaitMs);
      timer.unref();
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(done);
    });
  }

  private release(): void {
    const waiting = this.waiters;
    this.waiters = [];
    // After the I/O already queued (more interactions of the same burst), not before it.
    setImmediate(() => {
      if (this.pending > 0) {
        this.waiters.push(...waiting);
        return;
      }
      for (const w of waiting) w();
    });
  }
}

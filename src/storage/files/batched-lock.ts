import type { HeldLock } from './file-lock.js';

interface Waiter {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs operations one at a time under a file lock, and those that queue up while the lock is being
 * taken or held under one hold of it (up to `maxBatch`, so another process never waits long): a burst
 * of 200 interaction claims takes the lock a few times rather than 200 times, so the last claim is
 * not kept waiting behind 200 rounds of lock files. Each operation still sees the effects of the
 * ones before it, and no other process runs in between.
 */
export class BatchedLock {
  private readonly waiting: Waiter[] = [];
  private active = false;
  private current: Promise<void> = Promise.resolve();

  constructor(
    private readonly take: () => Promise<HeldLock | undefined>,
    private readonly maxBatch = 64,
  ) {}

  run<R>(fn: () => R | Promise<R>): Promise<R> {
    const result = new Promise<R>((resolve, reject) => {
      this.waiting.push({ fn, resolve: resolve as (value: unknown) => void, reject });
    });
    if (!this.active) {
      this.active = true;
      this.current = this.drain();
    }
    return result;
  }

  /** Resolves once nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.active) await this.current;
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) await this.runBatch();
    } finally {
      // In the same turn as the last check of the queue: a call arriving later starts a new drain.
      this.active = false;
    }
  }

  /** Takes the lock, then runs what is queued by then. */
  private async runBatch(): Promise<void> {
    let lock: HeldLock | undefined;
    try {
      lock = await this.take();
    } catch (error) {
      for (const w of this.waiting.splice(0, this.maxBatch)) w.reject(error);
      return;
    }
    const batch = this.waiting.splice(0, this.maxBatch);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    for (const w of batch) {
      try {
        outcomes.push({ ok: true, value: await w.fn() });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    try {
      await lock?.release();
    } catch (error) {
      // As when each operation took the lock itself: a failed release fails the operations it covered.
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) w.resolve(outcome.value);
      else w.reject(outcome?.error);
    });
  }
}

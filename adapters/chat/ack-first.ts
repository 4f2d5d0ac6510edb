import { performance } from 'node:perf_hooks';

/** The clock and timers the queue runs on; tests pass fake ones. */
export interface AckTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setImmediate(run: () => void): void;
}

const realTimers: AckTimers = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setImmediate: (run) => setImmediate(run),
};

export interface AckFirstOptions {
  /** Work waits until no acknowledgement went out for this long (Slack: its acks cannot be counted ahead). */
  quietMs?: number;
  /** …but never longer than this, so that steady load does not starve it. */
  maxWaitMs?: number;
  timers?: AckTimers;
}

/**
 * Acknowledgements first, work after. Discord and Slack drop an interaction that is not acknowledged
 * within 3 s, while the work behind it (the dispatcher, then the provider) has minutes: its answer goes
 * out through the interaction token or the response_url. Under a burst, work waits until no
 * acknowledgement is in flight and none went out for `quietMs`, or until it has waited `maxWaitMs`;
 * then one job starts per turn of the event loop, after the I/O already queued (more requests of the
 * same burst), so no acknowledgement queues behind another command's work.
 */
export class AckFirst {
  private inFlight = 0;
  private lastAck = Number.NEGATIVE_INFINITY;
  private readonly waiting: Array<{ start: () => void; since: number }> = [];
  private timer: { handle?: unknown; due: number } | undefined;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly timers: AckTimers;

  constructor(options: AckFirstOptions = {}) {
    this.quietMs = options.quietMs ?? 0;
    this.maxWaitMs = options.maxWaitMs ?? 2_000;
    this.timers = options.timers ?? realTimers;
  }

  /** Sends an acknowledgement, counted as in flight until it settles. */
  async ack<T>(send: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await send();
    } finally {
      this.inFlight--;
      this.lastAck = this.timers.now();
      this.schedule(0);
    }
  }

  /**
   * A request that will be acknowledged has arrived: it counts as an acknowledgement in flight from
   * now, not only from its `ack()`, so work waits for the requests still being read, verified and
   * routed. Call the returned function once it has been answered (or dropped); calls after the first
   * do nothing.
   */
  arrived(): () => void {
    this.inFlight++;
    let answered = false;
    return () => {
      if (answered) return;
      answered = true;
      this.inFlight--;
      this.lastAck = this.timers.now();
      this.schedule(0);
    };
  }

  /** Resolves when it is this job's turn to start its work. */
  turn(): Promise<void> {
    return new Promise((start) => {
      this.waiting.push({ start, since: this.timers.now() });
      this.schedule(0);
    });
  }

  /** Jobs waiting for their turn. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Runs `tick` after `delayMs` (0: on the next turn), unless it is due sooner already. */
  private schedule(delayMs: number): void {
    const due = this.timers.now() + delayMs;
    if (this.timer && this.timer.due <= due) return;
    if (this.timer?.handle !== undefined) this.timers.clearTimeout(this.timer.handle);
    const timer: { handle?: unknown; due: number } = { due };
    this.timer = timer;
    const run = () => {
      if (this.timer !== timer) return;
      this.timer = undefined;
      this.tick();
    };
    if (delayMs <= 0) this.timers.setImmediate(run);
    else timer.handle = this.timers.setTimeout(run, delayMs);
  }

  private tick(): void {
    const job = this.waiting[0];
    if (!job) return;
    const t = this.timers.now();
    const untilOverdue = this.maxWaitMs - (t - job.since);
    const untilQuiet = this.inFlight > 0 ? Number.POSITIVE_INFINITY : this.quietMs - (t - this.lastAck);
    if (untilOverdue > 0 && untilQuiet > 0) {
      // An ack settling reschedules at once; otherwise wake when it is quiet enough or overdue.
      this.schedule(Math.max(1, Math.ceil(Math.min(untilOverdue, untilQuiet))));
      return;
    }
    this.waiting.shift();
    job.start();
    if (this.waiting.length > 0) this.schedule(0);
  }
}

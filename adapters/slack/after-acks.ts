import { performance } from 'node:perf_hooks';

/**
 * Acks first, work after. Slack drops a command that is not acknowledged within 3 s, while the work
 * behind it (the dispatcher, then the provider) has no such deadline: its reply goes through the
 * response_url, valid for 30 minutes. So work is queued and started one job per turn of the event
 * loop, and only once no ack has gone out for `quietMs` — or once the oldest job has waited
 * `maxWaitMs`, so that steady load never starves it. A burst of commands is acknowledged at the
 * pace of a bare handler; the work follows a moment later.
 */
export class AfterAcks {
  private readonly jobs: Array<{ start: () => void; at: number }> = [];
  private lastAck = Number.NEGATIVE_INFINITY;
  private scheduled = false;

  constructor(
    private readonly quietMs = 20,
    private readonly maxWaitMs = 1_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Call when an ack has been sent. */
  acked(): void {
    this.lastAck = this.now();
  }

  /** Queues `start`; it is called once the acks have had their turn. */
  push(start: () => void): void {
    this.jobs.push({ start, at: this.now() });
    this.schedule(0);
  }

  get pending(): number {
    return this.jobs.length;
  }

  private schedule(delayMs: number): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.tick();
    };
    if (delayMs <= 0) setImmediate(run);
    else setTimeout(run, delayMs);
  }

  private tick(): void {
    const job = this.jobs[0];
    if (!job) return;
    const t = this.now();
    const quietFor = t - this.lastAck;
    if (quietFor < this.quietMs && t - job.at < this.maxWaitMs) {
      this.schedule(Math.max(1, Math.ceil(this.quietMs - quietFor)));
      return;
    }
    this.jobs.shift();
    job.start();
    if (this.jobs.length > 0) this.schedule(0);
  }
}

import { fork } from 'node:child_process';
import {
  type EntryType,
  type IntervalHistogram,
  monitorEventLoopDelay,
  PerformanceObserver,
  performance,
} from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/**
 * Event-loop delay per kind of operation, so a stall is pinned on the operation that caused it, with
 * the longest garbage-collection pause that started while that kind ran (a stall that a GC pause
 * explains is allocation, not a synchronous step of ours).
 */
export class OperationDelays<K extends string> {
  private readonly loops = new Map<K, IntervalHistogram>();
  private readonly spans: Array<{ kind: K; from: number; to: number }> = [];

  constructor(readonly kinds: readonly K[]) {
    for (const kind of kinds) this.loops.set(kind, monitorEventLoopDelay({ resolution: 1 }));
  }

  /** Runs `fn` with `kind`'s histogram on when `record` (warm-up rounds are not recorded); returns its ms. */
  async measure(kind: K, record: boolean, fn: () => Promise<unknown>): Promise<number> {
    const loop = this.loops.get(kind) as IntervalHistogram;
    if (record) loop.enable();
    const from = performance.now();
    try {
      await fn();
    } finally {
      loop.disable();
    }
    const to = performance.now();
    if (record) this.spans.push({ kind, from, to });
    return to - from;
  }

  worstMs(kind: K): number {
    return (this.loops.get(kind) as IntervalHistogram).max / 1e6;
  }

  p99Ms(kind: K): number {
    return (this.loops.get(kind) as IntervalHistogram).percentile(99) / 1e6;
  }

  /** The longest GC pause (ms) that started during a recorded `kind` operation, from `gcs`. */
  longestGcMs(kind: K, gcs: GcPauses): number {
    let longest = 0;
    for (const pause of gcs.pauses) {
      if (pause.duration <= longest) continue;
      if (this.spans.some((s) => s.kind === kind && pause.startTime >= s.from && pause.startTime < s.to)) {
        longest = pause.duration;
      }
    }
    return longest;
  }
}

/** Every GC pause of this process while observed. */
export class GcPauses {
  readonly pauses: Array<{ startTime: number; duration: number }> = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.pauses.push({ startTime: entry.startTime, duration: entry.duration });
  });

  start(): void {
    this.observer.observe({ entryTypes: ['gc' as EntryType] });
  }

  stop(): void {
    this.observer.disconnect();
  }
}

/**
 * A bare Node process (bench/bare-loop.js) measuring its own event-loop delay beside the bench: the
 * machine's share of a stall. `stop` returns its worst and p99 delay over the period in ms.
 */
export async function startBareLoop(): Promise<{ stop(): Promise<{ worstMs: number; p99Ms: number }> }> {
  const child = fork(fileURLToPath(new URL('./bare-loop.js', import.meta.url)), [], { execArgv: [] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('error', reject);
  });
  return {
    stop: () =>
      new Promise((resolve, reject) => {
        child.once('message', (m) => resolve(m as { worstMs: number; p99Ms: number }));
        child.once('error', reject);
        child.send('stop');
      }),
  };
}

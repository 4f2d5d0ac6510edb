import { fork } from 'node:child_process';
import { constants, type EntryType, monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { percentile } from './figures.js';

/**
 * Event-loop delay per kind of operation, so a stall is pinned on the operation that caused it, with
 * the longest garbage-collection pause that started while that kind ran (a stall that a GC pause
 * explains is allocation, not a synchronous step of ours).
 *
 * The probe is reset before each operation: a delay histogram re-enabled after `disable()` records
 * the whole time it was off as its first delay (it keeps its last tick), so toggling one histogram
 * around operations reports the time between them as a stall. That is what made the bench show
 * 130–430 ms "stalls" for operations that never blocked.
 */
export class OperationDelays<K extends string> {
  private readonly probe = monitorEventLoopDelay({ resolution: 1 });
  /** Per kind, each recorded operation's worst delay in ms. */
  private readonly worsts = new Map<K, number[]>();
  private readonly spans: Array<{ kind: K; from: number; to: number }> = [];

  constructor(readonly kinds: readonly K[]) {
    for (const kind of kinds) this.worsts.set(kind, []);
  }

  /** Runs `fn` with the delay measured when `record` (warm-up rounds are not recorded); returns its ms. */
  async measure(kind: K, record: boolean, fn: () => Promise<unknown>): Promise<number> {
    if (record) {
      this.probe.reset();
      this.probe.enable();
      // The probe records nothing until its first tick (it needs a previous tick to measure from), so
      // a stall at the very start of an operation would go unseen: let it tick once before.
      await probeTicked();
    }
    const from = performance.now();
    try {
      await fn();
    } finally {
      this.probe.disable();
    }
    const to = performance.now();
    if (record) {
      this.of(kind).push(this.probe.count > 0 ? this.probe.max / 1e6 : 0);
      this.spans.push({ kind, from, to });
    }
    return to - from;
  }

  private of(kind: K): number[] {
    return this.worsts.get(kind) as number[];
  }

  worstMs(kind: K): number {
    return Math.max(0, ...this.of(kind));
  }

  /** 99% of `kind`'s operations saw no delay over this. */
  p99Ms(kind: K): number {
    return percentile(this.of(kind), 0.99);
  }

  /** The longest GC pause that started during a recorded `kind` operation, from `gcs`. */
  longestGc(kind: K, gcs: GcPauses): GcPause | undefined {
    let longest: GcPause | undefined;
    for (const pause of gcs.pauses) {
      if (longest && pause.duration <= longest.duration) continue;
      if (this.spans.some((s) => s.kind === kind && pause.startTime >= s.from && pause.startTime < s.to)) {
        longest = pause;
      }
    }
    return longest;
  }
}

/** Outlasts the probe's 1 ms interval; timers fire in expiry order, so the probe has ticked by then. */
function probeTicked(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 2));
}

export interface GcPause {
  startTime: number;
  duration: number;
  /** minor (scavenge of the young generation), major (mark-compact of the whole heap), incremental, weak. */
  kind: string;
}

const gcKinds: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak',
};

/** Every GC pause of this process while observed. */
export class GcPauses {
  readonly pauses: GcPause[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind ?? -1;
      this.pauses.push({ startTime: entry.startTime, duration: entry.duration, kind: gcKinds[kind] ?? 'other' });
    }
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

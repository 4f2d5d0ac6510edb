import { loadavg } from 'node:os';

/**
 * One figure of issue 12's targets table, as a benchmark reports it to bench/index.ts: the value,
 * the target beside it, and the spread over the runs inside the benchmark (never the best run alone).
 */
export interface Figure {
  name: string;
  /** How the value compares: `max` = at most the target. */
  value: number;
  unit: string;
  target: number;
  ok: boolean;
  /** e.g. "runs 1.02 1.05 0.98 (min 0.98, max 1.05)". */
  spread?: string;
  /** Load average (1 min) when the benchmark started and ended: a busy machine skews timings. */
  load?: string;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length / 2;
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? (s[Math.floor(mid)] as number)
      : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function spreadOf(values: readonly number[], digits = 2): string {
  const f = (n: number) => n.toFixed(digits);
  return `${values.map(f).join(' ')} (min ${f(Math.min(...values))}, median ${f(median(values))}, max ${f(Math.max(...values))})`;
}

export function loadNow(): string {
  return loadavg()[0]?.toFixed(2) ?? '?';
}

/** Sends the figures to bench/index.ts when run under it; returns whether every target was met. */
export function report(figures: Figure[]): boolean {
  process.send?.({ figures });
  return figures.every((f) => f.ok);
}

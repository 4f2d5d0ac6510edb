import type { AlertMessage } from './message.js';
import type { DeliveryReport, Target } from './outbox.js';

/** What one sweep did, for `notify run-once`, logs and the benchmark. */
export interface ProviderSweepReport {
  id: string;
  ok: boolean;
  skipped?: 'backoff';
  calls: number;
  customers?: number;
  usageRead: number;
  usageMissed: number;
  durationMs: number;
  error?: { code: string; message: string };
  rateLimited?: string;
}

export interface SweepReport {
  startedAt: string;
  /** Until the alerts were recorded and queued: reading and evaluating, without delivery. */
  recordedMs: number;
  /** Delivery included. */
  durationMs: number;
  rules: number;
  /** Where messages were queued; none means a dry run: nothing was recorded as fired. */
  targets: Target[];
  providers: ProviderSweepReport[];
  messages: AlertMessage[];
  delivery: DeliveryReport;
}

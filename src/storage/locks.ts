/**
 * Locks shared by every process on the store, for work longer than one storage operation: one
 * change per account at a time (vendors' read-then-write calls would lose one), one notifier sweep
 * at a time, one process leading the notifier's schedule. A lock is freed when its holder releases
 * it or its process ends (never because a live holder took long).
 */
export interface HeldLease {
  /** Whether this process still holds it (a lost database connection loses it). */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

export interface LockWait {
  /** How long to wait for another holder (default 120 s); then LockBusyError (code `conflict`). */
  waitMs?: number;
}

export interface Locks {
  /** Runs `fn` holding the lock `name`, waiting for another holder first. */
  withLock<R>(name: string, fn: () => Promise<R>, options?: LockWait): Promise<R>;
  /** Takes `name` if it is free, and keeps it until release() or the end of this process. */
  tryHold(name: string): Promise<HeldLease | undefined>;
}

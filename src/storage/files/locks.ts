import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { HeldLease, Locks } from '../locks.js';
import { acquireFileLock } from './file-lock.js';

/**
 * Named locks as lock files in `<data dir>/.locks` (file-lock.ts): freed by release, when the store
 * closes, or when the holder's process ends.
 */
export function fileLocks(lockDir: string): Locks & { releaseAll(): Promise<void> } {
  const held = new Set<HeldLease>();
  const fileOf = (name: string) => {
    const slug = name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .slice(0, 40);
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 12);
    return join(lockDir, `named-${slug}-${hash}.lock`);
  };
  return {
    async withLock(name, fn, options = {}) {
      const lock = await acquireFileLock(fileOf(name), {
        waitMs: options.waitMs ?? 120_000,
        what: `The lock '${name}'`,
      });
      try {
        return await fn();
      } finally {
        await lock?.release();
      }
    },
    async tryHold(name) {
      const lock = await acquireFileLock(fileOf(name), { waitMs: 0 });
      if (!lock) return undefined;
      const lease: HeldLease = {
        stillHeld: () => lock.stillHeld(),
        async release() {
          held.delete(lease);
          await lock.release();
        },
      };
      held.add(lease);
      return lease;
    },
    async releaseAll() {
      await Promise.all([...held].map((lease) => lease.release()));
    },
  };
}

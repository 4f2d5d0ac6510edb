import * as z from 'zod';
import { type InteractionClaims, interactionClaimTtlMs } from '../interactions.js';
import { SharedLog } from './shared-log.js';

/**
 * Interaction claims in `interactions.jsonl`: the first process to append an id under the lock has
 * it. Not fsynced: a claim lost in a power cut only lets a redelivery through to the journal, which
 * still carries out a change once.
 */
const claimSchema = z.object({ id: z.string().min(1), at: z.string() });

export interface FileClaims extends InteractionClaims {
  compact(): Promise<{ before: number; after: number }>;
  close(): Promise<void>;
}

export async function openFileClaims(
  file: string,
  options: { lockFile: string; now: () => Date },
): Promise<FileClaims> {
  const claimed = new Map<string, string>();
  const log = await SharedLog.open(file, {
    schema: claimSchema,
    lockFile: options.lockFile,
    fsync: false,
    apply: (claim) => claimed.set(claim.id, claim.at),
    reset: () => claimed.clear(),
  });
  return {
    claim(id) {
      return log.locked(async (append) => {
        if (claimed.has(id)) return false;
        await append({ id, at: options.now().toISOString() });
        return true;
      });
    },
    async compact() {
      const before = log.size;
      await log.rewrite(() => {
        const cutoff = options.now().getTime() - interactionClaimTtlMs;
        for (const [id, at] of claimed) if (Date.parse(at) < cutoff) claimed.delete(id);
        return [...claimed].map(([id, at]) => ({ id, at }));
      });
      return { before, after: log.size };
    },
    close: () => log.close(),
  };
}

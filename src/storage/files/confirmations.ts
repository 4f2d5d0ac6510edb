import * as z from 'zod';
import {
  type ConfirmationStore,
  confirmationDone,
  type PendingConfirmation,
  pendingConfirmationSchema,
} from '../confirmations.js';
import { type LogFileOptions, SharedLog } from './shared-log.js';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/**
 * Confirmations in `confirmations.jsonl`: one line when asked, one when answered (so an answer
 * costs one short append, not a rewrite); answered and expired ones are compacted away after a day.
 */
const lineSchema = z.lazy(() =>
  z.discriminatedUnion('t', [
    z.object({ t: z.literal('asked'), confirmation: pendingConfirmationSchema }),
    z.object({
      t: z.literal('answered'),
      id: z.string(),
      state: z.enum(['confirmed', 'cancelled', 'expired']),
      at: z.string(),
    }),
  ]),
);
type Line = z.infer<typeof lineSchema>;

export interface FileConfirmations extends ConfirmationStore {
  compact(): Promise<{ before: number; after: number }>;
  all(): Promise<PendingConfirmation[]>;
  load(list: readonly PendingConfirmation[]): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export async function openFileConfirmations(file: string, options: LogFileOptions): Promise<FileConfirmations> {
  const known = new Map<string, PendingConfirmation>();
  const log = await SharedLog.open(file, {
    schema: lineSchema,
    lockFile: options.lockFile,
    fsync: options.fsync,
    apply(line) {
      if (line.t === 'asked') known.set(line.confirmation.id, line.confirmation);
      else {
        const found = known.get(line.id);
        if (found) known.set(line.id, { ...found, state: line.state, answeredAt: line.at });
      }
    },
    reset: () => known.clear(),
    onRepair: options.onRepair,
  });
  const copy = (c: PendingConfirmation | undefined) => c && structuredClone(c);
  return {
    add: (confirmation) => log.locked((append) => append({ t: 'asked', confirmation })),
    async get(id) {
      await log.refresh();
      return copy(known.get(id));
    },
    settle(id, state, at) {
      return log.locked(async (append) => {
        const found = known.get(id);
        if (found?.state !== 'pending') return { settled: false, confirmation: copy(found) };
        await append({ t: 'answered', id, state, at });
        return { settled: true, confirmation: copy(known.get(id)) as PendingConfirmation };
      });
    },
    async compact() {
      const before = log.size;
      await log.rewrite(() => {
        const now = options.now().getTime();
        for (const [id, c] of known) if (confirmationDone(c, now)) known.delete(id);
        return [...known.values()].flatMap((confirmation): Line[] => {
          const asked = { t: 'asked' as const, confirmation: { ...confirmation, state: 'pending' as const } };
          delete asked.confirmation.answeredAt;
          if (confirmation.state === 'pending') return [asked];
          const at = confirmation.answeredAt ?? confirmation.createdAt;
          return [asked, { t: 'answered' as const, id: confirmation.id, state: confirmation.state, at }];
        });
      });
      return { before, after: log.size };
    },
    async all() {
      await log.refresh();
      return [...known.values()].map((c) => structuredClone(c));
    },
    load: (list) =>
      log.locked((append) =>
        append(
          ...list.flatMap((confirmation): Line[] => {
            const { answeredAt, ...asked } = confirmation;
            if (confirmation.state === 'pending') return [{ t: 'asked' as const, confirmation: asked }];
            const state = confirmation.state;
            const at = answeredAt ?? confirmation.createdAt;
            return [
              { t: 'asked' as const, confirmation: { ...asked, state: 'pending' as const } },
              { t: 'answered' as const, id: confirmation.id, state, at },
            ];
          }),
        ),
      ),
    clear: () =>
      log.rewrite(() => {
        known.clear();
        return [];
      }),
    close: () => log.close(),
  };
}

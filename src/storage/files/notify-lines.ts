import { readFile, rename } from 'node:fs/promises';
import * as z from 'zod';
import { firedSchema, outboxEntrySchema, providerHealthSchema } from '../notify.js';
import type { SharedLog } from './shared-log.js';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/** The lines of `notify.jsonl` (see notify.ts), and the conversion of the document an earlier version kept. */
const processSchema = z.lazy(() =>
  z.object({
    host: z.string(),
    pid: z.number(),
    start: z.string().optional(),
    boot: z.string().optional(),
    ns: z.string().optional(),
    session: z.string().optional(),
  }),
);
export const lineSchema = z.lazy(() =>
  z.discriminatedUnion('t', [
    z.object({
      t: z.literal('commit'),
      set: z.record(z.string(), firedSchema),
      unset: z.array(z.string()),
      providers: z.record(z.string(), providerHealthSchema),
      enqueue: z.array(outboxEntrySchema),
    }),
    z.object({
      t: z.literal('snapshot'),
      fired: z.record(z.string(), firedSchema),
      providers: z.record(z.string(), providerHealthSchema),
    }),
    z.object({ t: z.literal('enqueue'), entries: z.array(outboxEntrySchema) }),
    z.object({
      t: z.literal('claim'),
      ids: z.array(z.string()),
      by: z.string(),
      owner: processSchema,
      until: z.string(),
    }),
    z.object({ t: z.literal('unclaim'), ids: z.array(z.string()) }),
    z.object({ t: z.literal('sent'), id: z.string(), at: z.string() }),
    z.object({
      t: z.literal('failed'),
      id: z.string(),
      attempts: z.number().int(),
      lastError: z.string(),
      permanent: z.boolean(),
      nextAttemptAt: z.string().optional(),
    }),
  ]),
);
export type Line = z.infer<typeof lineSchema>;

/** `notify-state.json` from a version before the log (fired, providers and outbox in one document). */
export async function convertLegacy(legacy: string, log: SharedLog<Line>): Promise<void> {
  let text: string;
  try {
    text = await readFile(legacy, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const old = z
    .object({
      fired: z.record(z.string(), firedSchema),
      providers: z.record(z.string(), providerHealthSchema),
      outbox: z.array(outboxEntrySchema),
    })
    .safeParse(JSON.parse(text));
  if (!old.success) return;
  await log.locked(async (append) => {
    if (log.size > 0) return;
    await append(
      { t: 'snapshot', fired: old.data.fired, providers: old.data.providers },
      { t: 'enqueue', entries: old.data.outbox },
    );
    await rename(legacy, `${legacy}.converted`).catch(() => undefined);
  });
}

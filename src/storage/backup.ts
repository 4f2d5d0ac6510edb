import { AppError, UserInputError } from '../errors.js';
import type { Store } from './store.js';
import {
  type ExportHeader,
  type ExportItem,
  type ExportKind,
  exportHeaderSchema,
  exportItemSchema,
} from './transfer.js';

/**
 * Export and import of a whole store as JSON lines (the format is in transfer.ts): a backup, and the
 * way from the data directory to PostgreSQL and back. Import reads the whole file and validates
 * every line before it writes anything, and refuses a store that already holds data unless asked to
 * replace it.
 */
export type Counts = Partial<Record<ExportKind, number>>;

export async function exportStore(
  store: Store,
  write: (line: string) => Promise<void>,
  now = new Date(),
): Promise<Counts> {
  const header: ExportHeader = {
    format: 'resellerops-data',
    version: 1,
    exportedAt: now.toISOString(),
    from: store.backend,
  };
  await write(JSON.stringify(header));
  const counts: Counts = {};
  for await (const item of store.transfer.dump()) {
    await write(JSON.stringify(item));
    counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  }
  return counts;
}

/** Every line checked: the header first, then one item per line; the first problem names its line. */
export async function validateExport(lines: AsyncIterable<string>): Promise<{ header: ExportHeader; counts: Counts }> {
  let header: ExportHeader | undefined;
  const counts: Counts = {};
  let number = 0;
  for await (const raw of lines) {
    number++;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new UserInputError(`Line ${number} of the export is not JSON.`, {
        hint: 'Use a file written by `resellerops data export`.',
      });
    }
    if (!header) {
      const parsed = exportHeaderSchema.safeParse(value);
      if (!parsed.success) {
        throw new UserInputError(
          `Line ${number} is not a resellerops export header (format resellerops-data, version 1).`,
          {
            hint: 'Use a file written by `resellerops data export`.',
          },
        );
      }
      header = parsed.data;
      continue;
    }
    const parsed = exportItemSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserInputError(
        `Line ${number} of the export is not a valid item: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape'}.`,
        { hint: 'Nothing was imported. Fix or remove that line, or export again.' },
      );
    }
    counts[parsed.data.kind] = (counts[parsed.data.kind] ?? 0) + 1;
  }
  if (!header)
    throw new UserInputError('The export is empty.', { hint: 'Use a file written by `resellerops data export`.' });
  return { header, counts };
}

/**
 * Loads a validated export (`lines` reads it again, from its start) in batches. A batch never splits one operation's
 * journal records. `replace`: everything in the store is removed first.
 */
export async function importStore(
  store: Store,
  lines: () => AsyncIterable<string>,
  options: { replace: boolean },
): Promise<void> {
  if (!(await store.transfer.isEmpty())) {
    if (!options.replace) {
      throw new AppError(
        'conflict',
        `The target (${store.backend}: ${store.location}) already holds data; nothing was imported.`,
        {
          hint: 'Import into an empty data directory or database, or add --replace to remove what is there first.',
        },
      );
    }
    await store.transfer.clear();
  }
  let batch: ExportItem[] = [];
  let first = true;
  for await (const raw of lines()) {
    if (raw.trim() === '') continue;
    if (first) {
      first = false;
      continue;
    }
    const item = exportItemSchema.parse(JSON.parse(raw));
    const startsAnOperation = item.kind !== 'journal' || item.value.t === 'started';
    if (batch.length >= 1_000 && startsAnOperation) {
      await store.transfer.load(batch);
      batch = [];
    }
    batch.push(item);
  }
  if (batch.length > 0) await store.transfer.load(batch);
}

export function describeCounts(counts: Counts): string {
  const parts = Object.entries(counts).map(([kind, n]) => `${n} ${kind}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

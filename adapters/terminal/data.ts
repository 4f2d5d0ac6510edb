import { once } from 'node:events';
import { constants, createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { App } from '../../src/app/boot.js';
import { AppError, UserInputError } from '../../src/errors.js';
import { describeCounts, exportStore, importStore, validateExport } from '../../src/storage/backup.js';

/**
 * `resellerops data export [--out FILE]` and `resellerops data import FILE [--replace]`: the whole
 * store as JSON lines, between the data directory and PostgreSQL, and as a backup. Reports go to
 * stderr, so `data export > backup.jsonl` works.
 */
function lines(file: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
}

function exportCutShort(error: Error): AppError {
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
    return new AppError(
      'internal',
      'The export stopped early: what was reading it closed the pipe, so it got only part of it.',
      {
        hint: 'Write a backup with --out FILE (or `> FILE`) so that all of it is kept.',
      },
    );
  }
  return new AppError('internal', `The export could not be written: ${error.message}`);
}

export async function runDataExport(
  app: App,
  out: string | undefined,
  report: (text: string) => void,
): Promise<number> {
  const stream: NodeJS.WritableStream = out ? createWriteStream(out, { flags: 'wx', mode: 0o600 }) : process.stdout;
  if (out) {
    await once(stream as WriteStream, 'open').catch((error: NodeJS.ErrnoException) => {
      throw new UserInputError(
        error.code === 'EEXIST'
          ? `--out ${out} already exists; an export never overwrites a file.`
          : `--out ${out}: ${error.message}`,
        { hint: 'Choose a new file name.' },
      );
    });
  }
  // A reader that stops early (`| head`) closes the pipe: writes fail with EPIPE, said plainly.
  let failed: Error | undefined;
  const onError = (error: Error) => {
    failed ??= error;
  };
  stream.on('error', onError);
  const cutShort = (error: Error) => {
    throw exportCutShort(error);
  };
  const write = async (line: string) => {
    if (failed) cutShort(failed);
    if (!stream.write(`${line}\n`)) await once(stream, 'drain').catch(cutShort);
  };
  let counts: Awaited<ReturnType<typeof exportStore>>;
  try {
    counts = await exportStore(app.services.store, write);
    if (out) {
      (stream as WriteStream).end();
      await once(stream as WriteStream, 'finish').catch(cutShort);
    } else {
      // Flushed, so a reader that left after the last line is noticed before "Exported …" is said.
      await new Promise<void>((resolve, reject) =>
        stream.write('', (error) => (error ? reject(error) : resolve())),
      ).catch(cutShort);
    }
    if (failed) cutShort(failed);
  } finally {
    stream.off('error', onError);
  }
  report(
    `Exported ${describeCounts(counts)} from ${app.services.store.backend} (${app.services.store.location})${out ? ` to ${out}` : ''}.`,
  );
  return 0;
}

export async function runDataImport(
  app: App,
  file: string | undefined,
  options: { replace: boolean },
  report: (text: string) => void,
): Promise<number> {
  if (!file) throw new UserInputError('Name the file to import: resellerops data import backup.jsonl');
  const readable = await access(file, constants.R_OK).then(
    () => true,
    () => false,
  );
  if (!readable)
    throw new UserInputError(`Cannot read ${file}.`, {
      hint: 'Give the path of a file written by `resellerops data export`.',
    });
  const { header, counts } = await validateExport(lines(file));
  await importStore(app.services.store, () => lines(file), options);
  report(
    `Imported ${describeCounts(counts)} (exported from ${header.from} at ${header.exportedAt}) into ${app.services.store.backend} (${app.services.store.location}).`,
  );
  return 0;
}

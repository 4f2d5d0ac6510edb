import { appendFileSync } from 'node:fs';
import { acquireFileLock } from '../../../src/storage/files/file-lock.js';

/**
 * A child process of file-lock.test.ts: takes the lock `rounds` times and, while holding it, writes
 * "enter" and "leave" lines to a shared record, so the test can see whether two ever held it at once.
 */
const [lock, record, rounds] = process.argv.slice(2) as [string, string, string];
for (let n = 0; n < Number(rounds); n++) {
  const held = await acquireFileLock(lock, { waitMs: 60_000 });
  appendFileSync(record, `enter ${process.pid}\n`);
  await new Promise((r) => setTimeout(r, 1));
  appendFileSync(record, `leave ${process.pid}\n`);
  await held?.release();
}

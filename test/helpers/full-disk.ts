import { openStore } from '../../src/storage/open.js';
import type { Store } from '../../src/storage/store.js';

function noSpace(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

/**
 * A real store in `dir` whose journal, audit log and customer registry appends fail with ENOSPC
 * while `full()` holds, through the store's own write path: a disk that fills up mid-run.
 */
export function storeOnFillingDisk(dir: string, full: () => boolean, now: () => Date): Promise<Store> {
  return openStore(dir, {
    now,
    failWrite: (file) => (full() && /(journal|audit|registry)\.jsonl$/.test(file) ? noSpace() : undefined),
  });
}

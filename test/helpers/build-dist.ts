import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Vitest global setup: builds dist/ from the sources before the tests, so the tests that run the
 * CLI (bin/resellerops.js runs dist/) run the code they were written against, not a stale build.
 * The rest of the suite imports the TypeScript sources directly.
 */
export default function buildDist(): void {
  execFileSync(process.execPath, [resolve(import.meta.dirname, '../../scripts/build.mjs')], { stdio: 'inherit' });
}

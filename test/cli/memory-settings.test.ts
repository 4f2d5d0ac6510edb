import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const probe = ['--import', resolve(import.meta.dirname, '../helpers/young-generation-probe.mjs')];
const oneMiB = 1024 * 1024;

function newSpaceBytes(stderr: string): number {
  const m = /new_space_bytes=(\d+)/.exec(stderr);
  if (!m) throw new Error(`no probe output in:\n${stderr}`);
  return Number(m[1]);
}

/**
 * `resellerops start` keeps a small young generation however it is launched: here as a service file
 * would, plain `node bin/resellerops.js start` with no flags (no chat configured, so it opens the
 * console, which ends with its input). V8 starts the young generation at 1 MiB per semi-space
 * (2 MiB in all); without the bin's setting the start-up allocations grow it to 8 MiB or more.
 */
describe('memory settings by default', () => {
  let cwd: string;

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ro-memory-'));
  });

  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('plain `node bin/resellerops.js start` keeps the young generation at its first size', async () => {
    const run = await cli(['start'], { cwd, env: { NOTIFY_ENABLED: 'false' }, nodeArgs: probe });
    expect(run.code).toBe(0);
    expect(newSpaceBytes(run.stderr)).toBeLessThanOrEqual(2 * oneMiB);
  });

  it('a young-generation size chosen in NODE_OPTIONS is kept', async () => {
    const run = await cli(['start'], {
      cwd,
      env: { NOTIFY_ENABLED: 'false', NODE_OPTIONS: '--max-semi-space-size=8' },
      nodeArgs: probe,
    });
    expect(run.code).toBe(0);
    expect(newSpaceBytes(run.stderr)).toBeGreaterThan(2 * oneMiB);
  });
});

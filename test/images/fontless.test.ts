import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { renderBarChartPng } from '../../src/images/chart.js';
import { inkIn, titleBand } from './ink.js';
import { usageSeries } from './series.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

let scratch: string | undefined;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

/** A child process with every system font folder hidden: what a slim container image has. */
describe('charts carry their own font', () => {
  it('on a machine with no fonts at all (a slim image) draws the same chart, text included, as here', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'fontless-'));
    // A private mount namespace hides every folder resvg looks in for system fonts, for the child only.
    const hide = ['/usr/share/fonts', '/usr/local/share/fonts']
      .map((dir) => `if [ -d ${dir} ]; then mount -t tmpfs none ${dir}; fi`)
      .join('; ');
    const draw = `${hide}; exec "${process.execPath}" --import tsx test/images/fontless-draw.ts "$1"`;
    await run('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', draw, 'sh', scratch], {
      cwd: repoRoot,
      env: { ...process.env, HOME: scratch, XDG_DATA_HOME: scratch },
    }).catch((error: Error) => {
      throw new Error(`drawing without system fonts needs a private mount namespace (root): ${error.message}`);
    });

    // The child really had no fonts: what resvg found on the machine by itself drew no text.
    expect(inkIn(readFileSync(join(scratch, 'system-fonts-only.png')), titleBand)).toBe(0);
    const fontless = readFileSync(join(scratch, 'chart.png'));
    expect(inkIn(fontless, titleBand)).toBeGreaterThan(500);
    expect(fontless.equals(await renderBarChartPng(usageSeries))).toBe(true);
  });
});

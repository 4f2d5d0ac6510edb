import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/**
 * The bin maps stack traces of the build (dist/) to the TypeScript sources with bin/stack-sources.js,
 * reading a file's source map only when a stack names that file. Here a process sets it up as the bin
 * does, boots the compiled app with a bad variable and prints the error's stack.
 */
describe('stack traces of the compiled CLI', () => {
  let cwd: string;

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ro-stacks-'));
  });

  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  function stackOf(setUp: string): string {
    const script = `${setUp}
const { bootApp } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist/src/app/boot.js')).href)});
try {
  await bootApp({ env: { DATA_DIR: 'data', TIMEZONE: 'Mars/Olympus' } });
} catch (error) {
  process.stdout.write(error.stack);
}`;
    return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd },
      encoding: 'utf8',
    });
  }

  it('name the TypeScript file, line and column of each frame in the build', () => {
    const bin = pathToFileURL(join(root, 'bin/stack-sources.js')).href;
    const dist = pathToFileURL(join(root, 'dist/')).href;
    const stack = stackOf(
      `const { mapStacksToSources } = await import(${JSON.stringify(bin)}); mapStacksToSources(new URL(${JSON.stringify(dist)}));`,
    );
    expect(stack).toMatch(/^ConfigError: .*\n.*TIMEZONE/);
    expect(stack).toContain(`at loadConfig (${join(root, 'src/config.ts')}:`);
    expect(stack).toMatch(/at bootApp \(.*src\/app\/boot\.ts:\d+:\d+\)/);
    expect(stack).not.toContain('/dist/');
  });

  it('without it, the same stack points into the build (what the mapping changes)', () => {
    const stack = stackOf('');
    expect(stack).toMatch(/at loadConfig \(file:.*\/dist\/chunks\/[^)]+\.js:\d+:\d+\)/);
    expect(stack).not.toContain('.ts:');
  });
});

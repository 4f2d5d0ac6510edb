import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runExec } from '../../adapters/terminal/exec.js';
import { providerIds } from '../../src/providers/registry.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { openStore } from '../../src/storage/open.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { type CliOptions, type Run, spawnCli } from '../helpers/cli.js';

const jsonKeys = ['ok', 'visibility', 'title', 'text', 'fields', 'files', 'data', 'error'];

/** The real bin, killed after 30 s so that a hang (as `--out /proc/x` once did) fails instead of lingering. */
function cli(args: string[], options: CliOptions): Promise<Run> {
  return spawnCli(args, { ...options, killAfterMs: 30_000 }).done;
}

/** Exactly one JSON object of the documented shape (docs/commands.md) on stdout. */
function envelope(run: Run): Record<string, unknown> & { error: { code: string; message: string } | null } {
  const lines = run.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const out = JSON.parse(lines[0] as string);
  expect(Object.keys(out)).toEqual(jsonKeys);
  return out;
}

describe('exec --json prints one envelope whatever goes wrong', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ro-envelope-'));
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it('for an empty command: invalid_input, exit 2', async () => {
    const run = await cli(['exec', '', '--json', '--sandbox'], { cwd });
    expect(run.code).toBe(2);
    expect(envelope(run)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('for a bad flag: invalid_input naming it, exit 2', async () => {
    const run = await cli(['exec', '--bogus', '--json'], { cwd });
    expect(run.code).toBe(2);
    const out = envelope(run);
    expect(out.error?.code).toBe('invalid_input');
    expect(out.error?.message).toContain('--bogus');
  });

  it('for a bad configuration: invalid_input naming every bad variable, exit 2', async () => {
    const run = await cli(['exec', 'help', '--json'], {
      cwd,
      env: { DATA_DIR: join(cwd, 'config-data'), SLACK_PORT: 'eighty', TIMEZONE: 'Mars/Olympus' },
    });
    expect(run.code).toBe(2);
    const out = envelope(run);
    expect(out.error?.code).toBe('invalid_input');
    expect(out.error?.message).toMatch(/SLACK_PORT[\s\S]*TIMEZONE/);
  });

  const corruptFiles = [
    ['registry.json', '{"version":1,"customers":[{'],
    ['journal.jsonl', 'not json\n'],
  ];

  async function corruptDataDir(name: string, content: string, label: string): Promise<string> {
    const dataDir = join(cwd, `corrupt-${label}-${name}`);
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, name), content);
    return dataDir;
  }

  // The store opens with a command's first read or write: the error comes from the command that reads it.
  it.each(
    corruptFiles,
  )('for a corrupt %s: a command that reads the store gets an error naming the file, exit 1, the file left as it was', async (name, content) => {
    const dataDir = await corruptDataDir(name, content, 'read');
    const run = await cli(['exec', 'audit', '--json'], { cwd, env: { DATA_DIR: dataDir } });
    expect(run.code).toBe(1);
    const out = envelope(run);
    expect(out.ok).toBe(false);
    expect(out.error).toMatchObject({ code: 'internal', message: expect.stringContaining(join(dataDir, name)) });
    expect(await readFile(join(dataDir, name), 'utf8')).toBe(content);
  });

  it.each(
    corruptFiles,
  )('for a corrupt %s: /help, which reads nothing stored, answers and leaves the file as it was', async (name, content) => {
    const dataDir = await corruptDataDir(name, content, 'help');
    const run = await cli(['exec', 'help', '--json'], { cwd, env: { DATA_DIR: dataDir } });
    expect(run.code).toBe(0);
    expect(envelope(run).ok).toBe(true);
    expect(await readdir(dataDir)).toEqual([name]);
    expect(await readFile(join(dataDir, name), 'utf8')).toBe(content);
  });

  it('for a change while the journal is corrupt: the same error, exit 1, and nothing reaches the provider', async () => {
    const dataDir = await corruptDataDir('journal.jsonl', 'not json\n', 'change');
    const sandbox = await startSandbox();
    try {
      const run = await cli(['exec', 'customer create proxylite brokenstore confirm:yes', '--json'], {
        cwd,
        env: { ...sandbox.env, DATA_DIR: dataDir },
      });
      expect(run.code).toBe(1);
      expect(envelope(run).error).toMatchObject({
        code: 'internal',
        message: expect.stringContaining(join(dataDir, 'journal.jsonl')),
      });
      expect(providerIds.map((id) => sandbox.simulators[id].server.received.length)).toEqual(providerIds.map(() => 0));
    } finally {
      await sandbox.close();
    }
  });

  it('for a data directory another running process uses: runs all the same (no process is refused)', async () => {
    const dataDir = join(cwd, 'shared');
    await mkdir(dataDir, { recursive: true });
    // This test process keeps the store open, and an earlier version's whole-directory lock is left over.
    const lock = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: 'test' };
    await writeFile(join(dataDir, '.lock'), `${JSON.stringify(lock)}\n`);
    const other = await openStore(dataDir);
    try {
      // A command that reads the store, so that it opens (and locks) the same files.
      const run = await cli(['exec', 'audit', '--json'], { cwd, env: { DATA_DIR: dataDir } });
      expect(run.code).toBe(0);
      expect(envelope(run).ok).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('exec --out DIR', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ro-out-'));
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it.each([
    ['/proc/resellerops-out', /--out \/proc\/resellerops-out: cannot save files there/],
    ['file-not-folder/configs', /is a file, not a folder/],
  ])('refuses --out %s at once with a clear error', async (dir, message) => {
    await writeFile(join(cwd, 'file-not-folder'), 'x');
    const run = await cli(
      ['exec', 'config get vpnresellers maria.garcia type:wireguard', '--json', '--sandbox', '--out', dir],
      {
        cwd,
      },
    );
    expect(run.code).toBe(2);
    const out = envelope(run);
    expect(out.error?.code).toBe('invalid_input');
    expect(out.error?.message).toMatch(message);
  });

  it('names saved files per customer, so the next customer does not overwrite them, and prints the paths', async () => {
    const dir = join(cwd, 'configs');
    const maria = envelope(
      await cli(['exec', 'config get vpnresellers maria.garcia type:wireguard', '--json', '--sandbox', '--out', dir], {
        cwd,
      }),
    );
    const list = envelope(
      await cli(['exec', 'customer list vpnresellers status:active', '--json', '--sandbox'], { cwd }),
    );
    const other = (list.data as { customers: Array<{ username: string }> }).customers.find(
      (c) => c.username !== 'maria.garcia',
    )!.username;
    const text = await cli(['exec', `config get vpnresellers ${other} type:wireguard`, '--sandbox', '--out', dir], {
      cwd,
    });
    expect(text.code).toBe(0);
    expect(await readdir(dir)).toEqual(
      ['maria.garcia-wg0.conf', 'maria.garcia-wg0-qr.png', `${other}-wg0.conf`, `${other}-wg0-qr.png`].sort(),
    );
    expect(maria.files).toEqual([
      expect.objectContaining({ name: 'maria.garcia-wg0.conf', path: join(dir, 'maria.garcia-wg0.conf') }),
      expect.objectContaining({ name: 'maria.garcia-wg0-qr.png', path: join(dir, 'maria.garcia-wg0-qr.png') }),
    ]);
    expect(text.stdout).toContain(`saved to ${join(dir, `${other}-wg0.conf`)}`);
    expect(await readFile(join(dir, 'maria.garcia-wg0.conf'), 'utf8')).toContain('PrivateKey');
  });
});

describe('exec with an --out that cannot be written', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('changes nothing upstream: the folder is checked before the command runs', async () => {
    const before = providerIds.reduce((sum, id) => sum + t.sim(id).received.length, 0);
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    let code: number;
    try {
      code = await runExec(t.app, t.dispatcher, 'customer create proxylite outcheck confirm:yes', {
        json: true,
        out: '/proc/resellerops-out',
      });
    } finally {
      write.mockRestore();
    }
    expect(code).toBe(2);
    expect(JSON.parse(printed.join(''))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(providerIds.reduce((sum, id) => sum + t.sim(id).received.length, 0)).toBe(before);
  });
});

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, spawnCli } from '../helpers/cli.js';

const jsonKeys = ['ok', 'visibility', 'title', 'text', 'fields', 'files', 'data', 'error'];

describe('the resellerops command line', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ro-cli-'));
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it('prints exactly one JSON object of the documented shape for exec --json, and exits 0', async () => {
    const run = await cli(['exec', 'reseller balance', '--json', '--sandbox'], { cwd });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(Object.keys(out)).toEqual(jsonKeys);
    expect(out.ok).toBe(true);
    expect(out.error).toBeNull();
    expect(out.data.balances.length).toBeGreaterThanOrEqual(5);
  });

  it('says plainly that a data export was cut short when its reader closes the pipe (| head)', async () => {
    const { child, done } = spawnCli(['data', 'export'], { cwd, env: { DATA_DIR: join(cwd, 'export-pipe') } });
    child.stdout?.destroy();
    const run = await done;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The export stopped early: what was reading it closed the pipe');
    expect(run.stderr).not.toContain('EPIPE');
  });

  it('exits 1 with an error object when the reply is an error', async () => {
    const run = await cli(['exec', 'customer info proxylite nobody99', '--json', '--sandbox'], { cwd });
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('exits 2 with invalid_input and the usage line for a bad command', async () => {
    const run = await cli(['exec', 'balance add proxylite bob ten', '--json', '--sandbox'], { cwd });
    expect(run.code).toBe(2);
    const out = JSON.parse(run.stdout);
    expect(out.error.code).toBe('invalid_input');
    expect(out.text).toContain('Usage: /balance add <provider> <username> <amount>');
  });

  it('writes attached files with --out, and lists them in the JSON', async () => {
    const outDir = join(cwd, 'files');
    const run = await cli(
      ['exec', 'config get vpnresellers maria.garcia type:wireguard', '--json', '--sandbox', '--out', outDir],
      { cwd },
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.visibility).toBe('private');
    expect(out.files.map((f: { name: string }) => f.name).sort()).toEqual((await readdir(outDir)).sort());
    const conf = out.files.find((f: { name: string }) => f.name.endsWith('.conf'));
    expect((await readFile(join(outDir, conf.name), 'utf8')).length).toBe(conf.bytes);
  });

  it('answers one command per line when stdin is a pipe, and survives bad lines', async () => {
    const run = await cli(['console', '--sandbox'], {
      cwd,
      input: 'help\nnonsense here\nreseller balance youproxy\nexit\n',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('resellerops commands');
    expect(run.stdout).toContain('There is no command "nonsense"');
    expect(run.stdout).toMatch(/Youproxy\s+\d+\.\d{2} USD/);
    expect(run.stdout).toContain('SANDBOX');
  });

  it('reports every bad variable in one message and exits 2', async () => {
    const run = await cli(['exec', 'help'], {
      cwd,
      env: { DATA_DIR: join(cwd, 'data'), SLACK_PORT: 'eighty', DISCORD_TOKEN: 'x', LOG_LEVEL: 'loud' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SLACK_PORT');
    expect(run.stderr).toContain('DISCORD_APPLICATION_ID');
    expect(run.stderr).toContain('LOG_LEVEL');
  });

  it('checks every provider with doctor and prints a table', async () => {
    const run = await cli(['doctor', '--sandbox'], { cwd });
    expect(run.code).toBe(0);
    for (const id of ['infiniteproxies', 'proxyshard', 'proxylite', 'vpnresellers', 'youproxy']) {
      expect(run.stdout).toMatch(new RegExp(`${id}\\s+ok\\s+authenticated read`));
    }
  });

  it('exits 2 with the usage text for an unknown flag', async () => {
    const run = await cli(['exec', 'help', '--colour'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--colour'");
    expect(run.stderr).toContain('Usage:');
  });
});

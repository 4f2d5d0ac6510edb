import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { loadedModules, traceArgs } from '../helpers/module-trace.js';

/**
 * The compiled CLI (bin/resellerops.js → dist/) loads only what a command needs: a terminal command
 * never reads discord.js, Bolt, the chart library or the simulators. Each run records the modules it
 * loaded through a loader hook; the project's own sources are read from the build's source maps.
 */
describe('the compiled CLI loads only what a command needs', () => {
  let cwd: string;
  let n = 0;

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ro-lazy-'));
  });

  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  async function traced(args: string[], env: Record<string, string> = {}) {
    const traceFile = join(cwd, `trace-${n++}.txt`);
    const run = await cli(args, { cwd, env: { ...env, MODULE_TRACE_FILE: traceFile }, nodeArgs: traceArgs() });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    return { run, loaded: loadedModules(traceFile) };
  }

  const chatAndCharts = /^(discord\.js|@discordjs\/|discord-api-types|@slack\/|vega|@resvg\/)/;

  it('exec "/help" runs the build and loads no chat library, chart library or simulator', async () => {
    const { run, loaded } = await traced(['exec', '/help']);
    expect(run.stdout).toContain('/customer create');
    expect(loaded.files).toContain('dist/src/app/main.js');
    expect(loaded.sources).toContain('src/app/exec.ts');
    expect(loaded.sources).toContain('adapters/terminal/exec.ts');
    expect(loaded.packages.filter((p) => chatAndCharts.test(p))).toEqual([]);
    expect(loaded.sources.filter((s) => /^(src\/sandbox|src\/images|adapters\/(discord|slack))\//.test(s))).toEqual([]);
  });

  const storageBackends = /^src\/storage\/(files|postgres)\//;

  it('exec "/help" creates, locks and syncs no file in its data folder and loads no storage backend', async () => {
    const dataDir = join(cwd, 'help-data');
    await mkdir(dataDir);
    const { run, loaded } = await traced(['exec', '/help'], { DATA_DIR: dataDir });
    expect(run.stdout).toContain('/customer create');
    expect(await readdir(dataDir)).toEqual([]);
    expect(loaded.sources.filter((s) => storageBackends.test(s))).toEqual([]);
    expect(loaded.packages.filter((p) => p === 'lowdb' || p === 'postgres')).toEqual([]);
  });

  it('a command that reads the store (/audit) opens it where it always did: DATA_DIR, ./data by default', async () => {
    const own = join(cwd, 'audit-cwd');
    await mkdir(own);
    const run = await cli(['exec', 'audit'], { cwd: own });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Audit log');
    expect(await readdir(join(own, 'data'))).toEqual(
      expect.arrayContaining(['.locks', 'audit.jsonl', 'journal.jsonl']),
    );
    const { loaded } = await traced(['exec', 'audit'], { DATA_DIR: join(cwd, 'audit-data') });
    expect(await readdir(join(cwd, 'audit-data'))).toEqual(expect.arrayContaining(['audit.jsonl', 'registry.jsonl']));
    expect(loaded.sources).toContain('src/storage/files/store.ts');
  });

  it('exec "/help" loads no HTTP client, no logger library, no country names and zod in English only', async () => {
    const { run, loaded } = await traced(['exec', '/help']);
    expect(run.stdout).toContain('What each provider offers');
    // ofetch (and Node's fetch under it) comes with the first request, pino with the first log line.
    expect(loaded.sources.filter((s) => /node_modules\/(ofetch|node-fetch-native)\//.test(s))).toEqual([]);
    expect(loaded.packages.filter((p) => /^(pino|thread-stream|sonic-boom)/.test(p))).toEqual([]);
    // zod's error messages in English only, not in every language it ships; country names not at all.
    const zodLocales = loaded.sources.flatMap(
      (s) => /node_modules\/zod\/v4\/locales\/([\w-]+)\.js$/.exec(s)?.[1] ?? [],
    );
    expect(zodLocales.filter((l) => l !== 'index')).toEqual(['en']);
    expect(loaded.sources.filter((s) => s.includes('i18n-iso-countries') || s === 'src/services/countries.ts')).toEqual(
      [],
    );
  });

  it('/order compare with a country loads the country names, in English only', async () => {
    const { run, loaded } = await traced(['exec', '--sandbox', '/order compare datacenter country:US']);
    expect(run.stdout).toContain('Compare datacenter proxies in US');
    const languages = loaded.sources.flatMap(
      (s) => /node_modules\/i18n-iso-countries\/langs\/(\w+)\.json$/.exec(s)?.[1] ?? [],
    );
    expect(languages).toEqual(['en']);
  });

  it('exec "/help" with every provider configured loads no provider client, answer schema or capability code', async () => {
    const keys = {
      INFINITEPROXIES_API_KEY: 'key-1',
      PROXYSHARD_API_KEY: 'key-2',
      PROXYLITE_APP_KEY: 'key-3',
      VPNRESELLERS_API_TOKEN: 'key-4',
      YOUPROXY_API_KEY: 'key-5',
    };
    const { run, loaded } = await traced(['exec', '/help'], keys);
    for (const id of ['infiniteproxies', 'proxyshard', 'proxylite', 'vpnresellers', 'youproxy']) {
      expect(run.stdout).toContain(`${id} — customers:`);
    }
    const providerCode = loaded.sources.filter((s) => /^src\/providers\/[^/]+\/(?!index\.ts|rules\.ts)/.test(s));
    expect(providerCode).toEqual([]);
    expect(loaded.sources.filter((s) => /node_modules\/(ofetch|node-fetch-native)\//.test(s))).toEqual([]);
  });

  it('--sandbox loads the simulators, and drawing a chart loads the chart library, still no chat library', async () => {
    const { run, loaded } = await traced(['exec', '--sandbox', 'usage show infiniteproxies northwind_ops days:7']);
    expect(run.stdout).toMatch(/northwind_ops/);
    expect(loaded.sources.some((s) => s.startsWith('src/sandbox/'))).toBe(true);
    expect(loaded.sources).toContain('src/images/chart.ts');
    expect(loaded.packages).toEqual(expect.arrayContaining(['vega-parser', 'vega-view']));
    expect(loaded.sources.some((s) => s.startsWith('node_modules/ofetch/'))).toBe(true);
    expect(loaded.packages.filter((p) => /^(discord\.js|@discordjs\/|@slack\/)/.test(p))).toEqual([]);
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { openStore } from '../../src/storage/open.js';
import { cli } from '../helpers/cli.js';
import { useDatabases } from '../helpers/postgres.js';

const actor = { platform: 'discord', userId: '42', name: 'ann' };

/** `resellerops data export` / `data import`: files → PostgreSQL → files, as a reseller moves or backs up. */
describe('resellerops data export and import', () => {
  const database = useDatabases();
  let cwd: string;
  let source: string;

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ro-data-'));
    source = join(cwd, 'source');
    const store = await openStore(source);
    await store.registry.upsert({ provider: 'proxylite', username: 'alice', createdBy: actor, note: 'vip' });
    await store.audit.append(
      {
        actor,
        platform: 'discord',
        command: 'password reset',
        provider: 'proxylite',
        target: 'alice',
        result: 'ok',
        details: { password: 'Hunter-22' },
      },
      { secrets: ['Hunter-22'] },
    );
    const begun = await store.journal.begin({
      interactionId: 'discord:1',
      kind: 'balance add',
      provider: 'proxylite',
      target: 'alice',
      actor,
      params: { amount: 1 },
    });
    await store.journal.succeed(begun.entry.id, { password: 'Hunter-22', limitGb: 5 }, { secrets: ['Hunter-22'] });
    await store.access.put({
      grantee: { platform: 'discord', kind: 'user', id: '7' },
      role: 'staff',
      grantedBy: { platform: 'discord', userId: '42' },
      grantedAt: '2026-01-01T00:00:00.000Z',
    });
    const alerts = await store.documents.open('alerts', z.object({ channels: z.record(z.string(), z.string()) }), {
      channels: {},
    });
    await alerts.update((draft) => {
      draft.channels.discord = 'C1';
    });
    await store.close();
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  const run = (args: string[], env: Record<string, string>) =>
    cli(['data', ...args], { cwd, env: { LOG_LEVEL: 'warn', ...env } });

  it('moves everything from a data directory to PostgreSQL and back, with no secret in the export', {
    timeout: 90_000,
  }, async () => {
    const url = await database();
    const exported = await run(['export', '--out', join(cwd, 'backup.jsonl')], { DATA_DIR: source });
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(
      /Exported 1 customer, 1 grant, 1 document, 1 notify-state, 2 journal, 1 audit from files/,
    );
    const text = await readFile(join(cwd, 'backup.jsonl'), 'utf8');
    expect(text).not.toContain('Hunter-22');

    const imported = await run(['import', join(cwd, 'backup.jsonl')], { DATABASE_URL: url });
    expect(imported.stderr).toMatch(/Imported 1 customer, .* into postgres/);
    expect(imported.code).toBe(0);
    const again = await run(['export'], { DATABASE_URL: url });
    expect(again.code).toBe(0);
    const items = (t: string) =>
      t
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => JSON.parse(line));
    expect(items(again.stdout)).toEqual(items(text));

    const back = join(cwd, 'back');
    await writeFile(join(cwd, 'from-pg.jsonl'), again.stdout);
    expect((await run(['import', join(cwd, 'from-pg.jsonl')], { DATA_DIR: back })).code).toBe(0);
    const store = await openStore(back);
    try {
      expect(await store.registry.get('proxylite', 'ALICE')).toMatchObject({ note: 'vip' });
      expect((await store.journal.findByInteraction('discord:1'))?.result).toEqual({ limitGb: 5 });
      expect((await store.access.list()).map((g) => g.role)).toEqual(['staff']);
    } finally {
      await store.close();
    }
  });

  it('refuses a store that holds data unless told to replace it, and checks every line before writing any', {
    timeout: 90_000,
  }, async () => {
    const url = await database();
    const file = join(cwd, 'backup.jsonl');
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const broken = join(cwd, 'broken.jsonl');
    await writeFile(
      broken,
      [...lines.slice(0, 2), '{"kind":"customer","value":{"provider":""}}', ...lines.slice(2)].join('\n'),
    );
    const refusedBad = await run(['import', broken], { DATABASE_URL: url });
    expect(refusedBad.code).toBe(2);
    expect(refusedBad.stderr).toMatch(/Line 3 of the export is not a valid item/);
    const empty = await openStore({ dataDir: '', databaseUrl: url });
    expect(await empty.transfer.isEmpty()).toBe(true);
    await empty.registry.upsert({ provider: 'youproxy', username: '123', createdBy: actor });
    await empty.close();

    const refused = await run(['import', file], { DATABASE_URL: url });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds data; nothing was imported[\s\S]*--replace/);
    const replaced = await run(['import', file, '--replace'], { DATABASE_URL: url });
    expect(replaced.code).toBe(0);
    const store = await openStore({ dataDir: '', databaseUrl: url });
    try {
      expect((await store.registry.list()).map((c) => c.username)).toEqual(['alice']);
    } finally {
      await store.close();
    }
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditInput } from '../../src/storage/audit.js';
import { openStore } from '../../src/storage/store.js';
import { useTempDirs } from './tmp.js';

function entry(userId: string, provider: string, target: string): AuditInput {
  return {
    actor: { platform: 'slack', userId },
    platform: 'slack',
    command: 'balance add',
    provider,
    target,
    result: 'ok',
  };
}

describe('audit log', () => {
  const tempDir = useTempDirs();

  it('writes entries without password, key, token or config fields at any depth (checked in the raw file)', async () => {
    const store = await openStore(await tempDir());
    const written = await store.audit.append(
      {
        ...entry('u1', 'proxylite', 'alice'),
        command: 'customer create',
        summary: 'created alice with password Hunter-22',
        details: {
          username: 'alice',
          password: 'Hunter-22',
          apiKey: 'AK-999',
          nested: { accessToken: 'tok-1', list: [{ wireguardConfig: '[Interface]\nPrivateKey = zzz' }, { ok: 1 }] },
          url: 'https://api.proxylite.com/x?app_key=APPKEY1&page=2',
          traffic: 5,
        },
      },
      { secrets: ['Hunter-22'] },
    );
    const raw = await readFile(join(store.dataDir, 'audit.jsonl'), 'utf8');
    for (const secret of [
      'Hunter-22',
      'AK-999',
      'apiKey',
      'tok-1',
      'accessToken',
      'PrivateKey',
      'zzz',
      'APPKEY1',
      'password"',
    ]) {
      expect(raw).not.toContain(secret);
    }
    expect(written.details).toEqual({
      username: 'alice',
      nested: { list: [{}, { ok: 1 }] },
      url: 'https://api.proxylite.com/x?app_key=***&page=2',
      traffic: 5,
    });
    expect(written.summary).toBe('created alice with password ***');
    await store.close();
  });

  it('lists recent entries newest first, filtered by actor and provider, up to the limit', async () => {
    let tick = 0;
    const store = await openStore(await tempDir(), { now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)) });
    await store.audit.append(entry('u1', 'proxylite', 'a'));
    await store.audit.append(entry('u2', 'proxylite', 'b'));
    await store.audit.append(entry('u1', 'youproxy', 'c'));
    await store.audit.append(entry('u1', 'proxylite', 'd'));
    const last = await store.audit.append(entry('u2', 'youproxy', 'e'));

    expect((await store.audit.recent({ limit: 3 })).map((e) => e.target)).toEqual(['e', 'd', 'c']);
    expect((await store.audit.recent({ actorId: 'u1' })).map((e) => e.target)).toEqual(['d', 'c', 'a']);
    expect((await store.audit.recent({ actorId: 'u1', provider: 'proxylite', limit: 1 })).map((e) => e.target)).toEqual(
      ['d'],
    );
    expect((await store.audit.recent({ provider: 'nobody' })).length).toBe(0);
    expect((await store.audit.recent({ limit: 1 }))[0]?.at).toBe(last.at);
    expect(last.at).toMatch(/^2026-01-01T00:00:\d\d\.000Z$/);
    await store.close();
  });
});

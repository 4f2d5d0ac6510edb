import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/store.js';
import { useTempDirs } from './tmp.js';

const ann = { platform: 'discord', userId: 'u1', name: 'Ann' };

describe('customer registry', () => {
  const tempDir = useTempDirs();
  const now = () => new Date('2026-02-03T04:05:06Z');

  it('keys customers by provider and lowercased username and keeps the creator on update', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, { now });
    const first = await store.registry.upsert({
      provider: 'proxyshard',
      username: 'Alice',
      createdBy: ann,
      note: 'vip',
    });
    expect(first.created).toBe(true);
    const second = await store.registry.upsert({
      provider: 'proxyshard',
      username: 'alice',
      createdBy: { platform: 'slack', userId: 'other' },
      ownerChatUser: { platform: 'discord', userId: 'c9' },
    });
    expect(second.created).toBe(false);
    expect(store.registry.get('proxyshard', 'ALICE')).toEqual({
      provider: 'proxyshard',
      username: 'Alice',
      createdBy: ann,
      createdAt: '2026-02-03T04:05:06.000Z',
      ownerChatUser: { platform: 'discord', userId: 'c9' },
      note: 'vip',
      updatedAt: '2026-02-03T04:05:06.000Z',
    });
    expect(store.registry.get('youproxy', 'alice')).toBeUndefined();
    await store.registry.upsert({ provider: 'proxyshard', username: 'alice', createdBy: ann, note: null });
    expect(store.registry.get('proxyshard', 'alice')?.note).toBeUndefined();
    await store.close();

    const reopened = await openStore(dir, { now });
    expect(reopened.registry.count()).toBe(1);
    expect(reopened.registry.get('proxyshard', 'alice')?.ownerChatUser).toEqual({ platform: 'discord', userId: 'c9' });
    await reopened.close();
  });

  it('lists by provider, owner and username prefix, sorted, and removes', async () => {
    const store = await openStore(await tempDir(), { now });
    const owner = { platform: 'slack', userId: 'S1' };
    for (const [provider, username] of [
      ['proxylite', 'bob'],
      ['proxylite', 'Alan'],
      ['proxylite', 'alice'],
      ['youproxy', '12345'],
    ] as const) {
      await store.registry.upsert({
        provider,
        username,
        createdBy: ann,
        ...(username.startsWith('a') ? { ownerChatUser: owner } : {}),
      });
    }
    expect(store.registry.list({ provider: 'proxylite' }).map((c) => c.username)).toEqual(['Alan', 'alice', 'bob']);
    expect(store.registry.list({ prefix: 'AL' }).map((c) => c.username)).toEqual(['Alan', 'alice']);
    expect(store.registry.list({ owner }).map((c) => c.username)).toEqual(['alice']);
    expect(store.registry.list({ limit: 2 }).length).toBe(2);
    expect(store.registry.count('proxylite')).toBe(3);
    expect(await store.registry.remove('proxylite', 'BOB')).toBe(true);
    expect(await store.registry.remove('proxylite', 'bob')).toBe(false);
    expect(store.registry.count()).toBe(3);
    await store.close();
  });
});

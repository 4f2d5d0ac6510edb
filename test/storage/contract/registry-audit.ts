import { afterEach, describe, expect, it } from 'vitest';
import type { AuditInput } from '../../../src/storage/audit.js';
import { actor, opener, type StoreHarness } from './harness.js';

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

export function registryAndAuditContract(harness: StoreHarness): void {
  describe(`${harness.name}: customer registry`, () => {
    const stores = opener(harness);
    afterEach(() => stores.closeAll());
    const now = () => new Date('2026-02-03T04:05:06Z');

    it('keys customers by provider and lowercased username and keeps the creator on update', async () => {
      const { location, store } = await stores.fresh({ now });
      const first = await store.registry.upsert({
        provider: 'proxyshard',
        username: 'Alice',
        createdBy: actor,
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
      expect(await store.registry.get('proxyshard', 'ALICE')).toEqual({
        provider: 'proxyshard',
        username: 'Alice',
        createdBy: actor,
        createdAt: '2026-02-03T04:05:06.000Z',
        ownerChatUser: { platform: 'discord', userId: 'c9' },
        note: 'vip',
        updatedAt: '2026-02-03T04:05:06.000Z',
      });
      expect(await store.registry.get('youproxy', 'alice')).toBeUndefined();
      await store.registry.upsert({ provider: 'proxyshard', username: 'alice', createdBy: actor, note: null });
      expect((await store.registry.get('proxyshard', 'alice'))?.note).toBeUndefined();
      await store.close();
      const reopened = await stores.again(location, { now });
      expect(await reopened.registry.count()).toBe(1);
      expect((await reopened.registry.get('proxyshard', 'alice'))?.ownerChatUser).toEqual({
        platform: 'discord',
        userId: 'c9',
      });
    });

    it('lists by provider, owner and username prefix, sorted, and removes', async () => {
      const { store } = await stores.fresh({ now });
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
          createdBy: actor,
          ...(username.startsWith('a') ? { ownerChatUser: owner } : {}),
        });
      }
      const names = async (filter: Parameters<typeof store.registry.list>[0]) =>
        (await store.registry.list(filter)).map((c) => c.username);
      expect(await names({ provider: 'proxylite' })).toEqual(['Alan', 'alice', 'bob']);
      expect(await names({ prefix: 'AL' })).toEqual(['Alan', 'alice']);
      expect(await names({ owner })).toEqual(['alice']);
      expect((await store.registry.list({ limit: 2 })).length).toBe(2);
      expect(await store.registry.count('proxylite')).toBe(3);
      expect(await store.registry.remove('proxylite', 'BOB')).toBe(true);
      expect(await store.registry.remove('proxylite', 'bob')).toBe(false);
      expect(await store.registry.count()).toBe(3);
    });

    it('shows each opener of the store what another one wrote, and keeps both of two simultaneous creates', async () => {
      const { location, store: one } = await stores.fresh({ now });
      const two = await stores.again(location, { now });
      await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          (n % 2 ? one : two).registry.upsert({ provider: 'proxylite', username: `c${n}`, createdBy: actor }),
        ),
      );
      expect(await one.registry.count()).toBe(20);
      expect(await two.registry.count()).toBe(20);
      expect(await two.registry.remove('proxylite', 'c1')).toBe(true);
      expect(await one.registry.get('proxylite', 'c1')).toBeUndefined();
    });
  });

  describe(`${harness.name}: audit log`, () => {
    const stores = opener(harness);
    afterEach(() => stores.closeAll());

    it('stores entries without password, key, token or config fields at any depth (checked in what is stored)', async () => {
      const { location, store } = await stores.fresh();
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
      const raw = await location.raw();
      for (const secret of ['Hunter-22', 'AK-999', 'apiKey', 'tok-1', 'accessToken', 'PrivateKey', 'zzz', 'APPKEY1']) {
        expect(raw).not.toContain(secret);
      }
      expect(written.details).toEqual({
        username: 'alice',
        nested: { list: [{}, { ok: 1 }] },
        url: 'https://api.proxylite.com/x?app_key=***&page=2',
        traffic: 5,
      });
      expect(written.summary).toBe('created alice with password ***');
      expect(await store.audit.recent({ limit: 1 })).toEqual([written]);
    });

    it('lists recent entries newest first, filtered by actor, provider and target, up to the limit, from every opener', async () => {
      let tick = 0;
      const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));
      const { location, store } = await stores.fresh({ now });
      const other = await stores.again(location, { now });
      await store.audit.append(entry('u1', 'proxylite', 'a'));
      await other.audit.append(entry('u2', 'proxylite', 'b'));
      await store.audit.append(entry('u1', 'youproxy', 'c'));
      await other.audit.append(entry('u1', 'proxylite', 'D'));
      const targets = async (query: Parameters<typeof store.audit.recent>[0]) =>
        (await store.audit.recent(query)).map((e) => e.target);
      expect(await targets({})).toEqual(['D', 'c', 'b', 'a']);
      expect(await targets({ actorId: 'u1', provider: 'proxylite' })).toEqual(['D', 'a']);
      expect(await targets({ target: 'd' })).toEqual(['D']);
      expect(await targets({ limit: 2 })).toEqual(['D', 'c']);
      expect(await targets({ limit: 0 })).toEqual([]);
    });
  });
}

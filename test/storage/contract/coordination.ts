import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { PendingConfirmation } from '../../../src/storage/confirmations.js';
import { opener, type StoreHarness } from './harness.js';

function question(id: string, at = '2026-03-01T10:00:00.000Z'): PendingConfirmation {
  return {
    id,
    path: 'customer delete',
    args: { provider: 'proxylite', username: 'bob' },
    secretNames: [],
    requester: { platform: 'slack', userId: 'U1' },
    interactionId: `slack:${id}`,
    createdAt: at,
    expiresAt: '2026-03-01T10:10:00.000Z',
    state: 'pending',
  };
}

export function coordinationContract(harness: StoreHarness): void {
  describe(`${harness.name}: claims, grants, confirmations, documents and locks across openers`, () => {
    const stores = opener(harness);
    afterEach(() => stores.closeAll());

    it('lets exactly one of many simultaneous claims of an interaction id win, whichever opener makes it', async () => {
      const { location, store } = await stores.fresh();
      const other = await stores.again(location);
      const wins = await Promise.all(
        Array.from({ length: 10 }, (_, n) => (n % 2 ? store : other).interactions.claim('discord:123')),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await store.interactions.claim('discord:124')).toBe(true);
      expect(await other.interactions.claim('discord:124')).toBe(false);
    });

    it('keeps role grants, replacing a grantee’s grant, and shows a change to every opener at once', async () => {
      const { location, store } = await stores.fresh();
      const other = await stores.again(location);
      const grantee = { platform: 'discord' as const, kind: 'user' as const, id: '42' };
      const by = { platform: 'discord', userId: '1' };
      await store.access.put({ grantee, role: 'viewer', grantedBy: by, grantedAt: '2026-01-01T00:00:00.000Z' });
      await other.access.put({ grantee, role: 'staff', grantedBy: by, grantedAt: '2026-01-02T00:00:00.000Z' });
      expect((await store.access.list()).map((g) => g.role)).toEqual(['staff']);
      expect(await store.access.remove(grantee)).toBe(true);
      expect(await other.access.list()).toEqual([]);
      expect(await other.access.remove(grantee)).toBe(false);
    });

    it('settles a confirmation once: of simultaneous answers from two openers, one wins', async () => {
      const { location, store } = await stores.fresh();
      const other = await stores.again(location);
      await store.confirmations.add(question('q1'));
      expect(await other.confirmations.get('q1')).toEqual(question('q1'));
      const results = await Promise.all([
        store.confirmations.settle('q1', 'confirmed', '2026-03-01T10:01:00.000Z'),
        other.confirmations.settle('q1', 'cancelled', '2026-03-01T10:01:00.000Z'),
      ]);
      expect(results.filter((r) => r.settled)).toHaveLength(1);
      const winner = results.find((r) => r.settled)?.confirmation;
      expect(await store.confirmations.get('q1')).toEqual(winner);
      expect(winner?.answeredAt).toBe('2026-03-01T10:01:00.000Z');
      expect(await store.confirmations.settle('nope', 'confirmed', '2026-03-01T10:01:00.000Z')).toEqual({
        settled: false,
        confirmation: undefined,
      });
    });

    it('drops answered confirmations a day old at maintenance and keeps pending ones', async () => {
      let clock = new Date('2026-03-01T10:00:00.000Z');
      const { store } = await stores.fresh({ now: () => clock });
      await store.confirmations.add(question('old'));
      await store.confirmations.add({ ...question('waiting'), expiresAt: '2026-03-09T00:00:00.000Z' });
      await store.confirmations.settle('old', 'confirmed', '2026-03-01T10:01:00.000Z');
      clock = new Date('2026-03-03T10:00:00.000Z');
      await store.maintain();
      expect(await store.confirmations.get('old')).toBeUndefined();
      expect((await store.confirmations.get('waiting'))?.state).toBe('pending');
    });

    it('keeps small documents: defaults, validated atomic updates, and none lost among simultaneous ones', async () => {
      const { location, store } = await stores.fresh();
      const other = await stores.again(location);
      const schema = z.object({ count: z.number().int().min(0), names: z.array(z.string()) });
      const one = await store.documents.open('counters', schema, { count: 0, names: [] });
      const two = await other.documents.open('counters', schema, { count: 0, names: [] });
      expect(await one.read()).toEqual({ count: 0, names: [] });
      await Promise.all(
        Array.from({ length: 30 }, (_, n) =>
          (n % 2 ? one : two).update((draft) => {
            draft.count += 1;
          }),
        ),
      );
      expect((await two.read()).count).toBe(30);
      await expect(
        one.update((draft) => {
          draft.count = -1;
        }),
      ).rejects.toThrow();
      await expect(
        one.update(() => {
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await two.read()).toEqual({ count: 30, names: [] });
      await expect(store.documents.open('../escape', schema, { count: 0, names: [] })).rejects.toThrow(
        /not a usable document name/,
      );
    });

    it('holds a named lock for one holder at a time across openers, and frees it when its store closes', async () => {
      const { location, store } = await stores.fresh();
      const other = await stores.again(location);
      let inside = 0;
      let most = 0;
      await Promise.all(
        Array.from({ length: 6 }, (_, n) =>
          (n % 2 ? store : other).locks.withLock('account:proxylite:bob', async () => {
            inside += 1;
            most = Math.max(most, inside);
            await new Promise((r) => setImmediate(r));
            inside -= 1;
          }),
        ),
      );
      expect(most).toBe(1);
      const lead = await store.locks.tryHold('notifier-leader');
      expect(lead).toBeDefined();
      expect(await lead?.stillHeld()).toBe(true);
      expect(await other.locks.tryHold('notifier-leader')).toBeUndefined();
      await expect(other.locks.withLock('notifier-leader', async () => 1, { waitMs: 50 })).rejects.toThrow(
        /lock|held/i,
      );
      await store.close();
      const taken = await other.locks.tryHold('notifier-leader');
      expect(taken).toBeDefined();
      await taken?.release();
    });
  });
}

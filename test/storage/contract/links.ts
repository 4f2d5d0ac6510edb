import { afterEach, describe, expect, it } from 'vitest';
import type { Link } from '../../../src/storage/store.js';
import { opener, type StoreHarness } from './harness.js';

const by = { platform: 'discord', userId: '1' };
const ann = { platform: 'discord' as const, id: '111111' };
const ben = { platform: 'slack' as const, id: 'U2222' };

function link(user: Link['user'], provider: string, username: string, at = '2026-06-01T00:00:00.000Z'): Link {
  return { user, provider, username, linkedBy: by, linkedAt: at };
}

export function linksContract(harness: StoreHarness): void {
  describe(`${harness.name}: customer links`, () => {
    const stores = opener(harness);
    afterEach(() => stores.closeAll());

    it('keeps several accounts per user, finds them by user and by account (any case), and shows them to every opener', async () => {
      const { location, store } = await stores.fresh();
      const other = await stores.again(location);
      expect(await store.links.put(link(ann, 'proxylite', 'alice'))).toEqual({ stored: true });
      await other.links.put(link(ann, 'infiniteproxies', 'alice2'));
      await store.links.put(link(ben, 'proxylite', 'bob'));
      expect((await other.links.list({ user: ann })).map((l) => `${l.provider}:${l.username}`)).toEqual([
        'infiniteproxies:alice2',
        'proxylite:alice',
      ]);
      expect((await store.links.list()).map((l) => l.username)).toEqual(['alice2', 'alice', 'bob']);
      expect((await store.links.list({ provider: 'proxylite' })).map((l) => l.username)).toEqual(['alice', 'bob']);
      expect((await other.links.get('proxylite', 'ALICE'))?.user).toEqual(ann);
      expect(await other.links.get('proxylite', 'nobody')).toBeUndefined();
    });

    it('refuses to move an account linked to another user unless told to replace, and then says whose it was', async () => {
      const { location, store } = await stores.fresh();
      const other = await stores.again(location);
      await store.links.put(link(ann, 'proxylite', 'alice'));
      const refused = await other.links.put(link(ben, 'proxylite', 'Alice'));
      expect(refused).toEqual({ stored: false, existing: link(ann, 'proxylite', 'alice') });
      expect((await store.links.get('proxylite', 'alice'))?.user).toEqual(ann);
      const again = await store.links.put(link(ann, 'proxylite', 'alice', '2026-06-02T00:00:00.000Z'));
      expect(again).toEqual({ stored: true, previous: link(ann, 'proxylite', 'alice') });
      const moved = await other.links.put(link(ben, 'proxylite', 'alice'), { replace: true });
      expect(moved.stored && moved.previous?.user).toEqual(ann);
      expect(await store.links.list()).toEqual([link(ben, 'proxylite', 'alice')]);
    });

    it('lets exactly one of many simultaneous links of one account to different users win', async () => {
      const { location, store } = await stores.fresh();
      const other = await stores.again(location);
      const users = Array.from({ length: 8 }, (_, n) => ({ platform: 'discord' as const, id: `90000${n}` }));
      const results = await Promise.all(
        users.map((user, n) => (n % 2 ? store : other).links.put(link(user, 'proxyshard', 'shared'))),
      );
      expect(results.filter((r) => r.stored)).toHaveLength(1);
      expect(await store.links.list()).toHaveLength(1);
    });

    it('removes a link once and returns what it removed', async () => {
      const { location, store } = await stores.fresh();
      const other = await stores.again(location);
      await store.links.put(link(ann, 'proxylite', 'alice'));
      expect(await other.links.remove('proxylite', 'ALICE')).toEqual(link(ann, 'proxylite', 'alice'));
      expect(await store.links.remove('proxylite', 'alice')).toBeUndefined();
      expect(await store.links.list()).toEqual([]);
    });
  });
}

import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { OutboxEntry } from '../../../src/storage/notify.js';
import type { ExportItem } from '../../../src/storage/transfer.js';
import { actor, opener, type StoreHarness } from './harness.js';

function delivery(id: string, at: string, platform: OutboxEntry['platform'] = 'discord'): OutboxEntry {
  return {
    id,
    messageId: id.split('@')[0] as string,
    platform,
    channelId: 'C1',
    message: {
      id: 'm',
      title: 'Low traffic',
      lines: ['alice: 1 GB left'],
      fields: [],
      tone: 'warning',
      subject: 's',
      createdAt: at,
    },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
  };
}

export function notifyAndTransferContract(harness: StoreHarness): void {
  describe(`${harness.name}: notifier state and outbox`, () => {
    const stores = opener(harness);
    afterEach(() => stores.closeAll());
    const t0 = '2026-04-01T00:00:00.000Z';
    const later = (ms: number) => new Date(Date.parse(t0) + ms).toISOString();

    it('commits fired alerts and their deliveries together, or neither', async () => {
      const { location, store } = await stores.fresh();
      const other = await stores.again(location);
      const result = await store.notify.commit((draft) => {
        draft.fired['r1|proxylite:customer:alice|20%'] = { at: t0, subject: 'proxylite:customer:alice' };
        draft.providers.proxylite = { failures: 0, authRejected: false, lastOkAt: t0 };
        return { enqueue: [delivery('m1@discord:C1', t0)], result: 'ok' };
      });
      expect(result).toBe('ok');
      await expect(
        other.notify.commit((draft) => {
          draft.fired = {};
          throw new Error('sweep failed half-way');
        }),
      ).rejects.toThrow('half-way');
      expect(Object.keys((await other.notify.read()).fired)).toEqual(['r1|proxylite:customer:alice|20%']);
      expect((await other.notify.pending()).map((e) => e.id)).toEqual(['m1@discord:C1']);
      await other.notify.commit((draft) => {
        delete draft.fired['r1|proxylite:customer:alice|20%'];
        return { enqueue: [delivery('m1@discord:C1', t0)], result: undefined };
      });
      expect((await store.notify.read()).fired).toEqual({});
      expect(await store.notify.pending()).toHaveLength(1);
    });

    it('lets each due delivery be claimed by one opener only, and sent, retried or failed once', async () => {
      const { location, store } = await stores.fresh();
      const other = await stores.again(location);
      await store.notify.enqueue([
        delivery('a@discord:C1', t0),
        delivery('b@discord:C1', later(1)),
        delivery('c@slack:C1', t0, 'slack'),
        delivery('d@discord:C1', later(60_000)),
      ]);
      const claim = (s: typeof store, by: string) =>
        s.notify.claimDue({ platforms: ['discord'], now: later(10), by, until: later(600_000) });
      const [mine, theirs] = await Promise.all([claim(store, 'one'), claim(other, 'two')]);
      expect([...mine, ...theirs].map((e) => e.id).sort()).toEqual(['a@discord:C1', 'b@discord:C1']);
      await store.notify.markSent('a@discord:C1', later(20));
      await store.notify.markFailed('b@discord:C1', {
        attempts: 1,
        lastError: 'HTTP 500',
        permanent: false,
        nextAttemptAt: later(5_000),
      });
      expect(await claim(other, 'two')).toEqual([]);
      expect(await store.notify.nextDueAt(['discord'])).toBe(later(5_000));
      const retried = await other.notify.claimDue({
        platforms: ['discord'],
        now: later(6_000),
        by: 'two',
        until: later(600_000),
      });
      expect(retried.map((e) => [e.id, e.attempts])).toEqual([['b@discord:C1', 1]]);
      await other.notify.unclaim(['b@discord:C1']);
      const again = await store.notify.claimDue({
        platforms: ['discord'],
        now: later(6_000),
        by: 'one',
        until: later(7_000),
      });
      expect(again.map((e) => e.id)).toEqual(['b@discord:C1']);
      // That claim lapses at its `until`: another opener may then take it.
      const lapsed = await other.notify.claimDue({
        platforms: ['discord'],
        now: later(8_000),
        by: 'two',
        until: later(600_000),
      });
      expect(lapsed.map((e) => e.id)).toEqual(['b@discord:C1']);
      await other.notify.markFailed('b@discord:C1', { attempts: 2, lastError: 'channel gone', permanent: true });
      expect((await store.notify.pending()).map((e) => e.id).sort()).toEqual(['c@slack:C1', 'd@discord:C1']);
      expect(await other.notify.pendingCount()).toBe(2);
    });
  });

  describe(`${harness.name}: export and import`, () => {
    const stores = opener(harness);
    afterEach(() => stores.closeAll());

    it('exports everything and imports it into an empty store as it was', async () => {
      const now = () => new Date('2026-05-01T00:00:00Z');
      const { store } = await stores.fresh({ now });
      expect(await store.transfer.isEmpty()).toBe(true);
      await store.registry.upsert({ provider: 'proxylite', username: 'alice', createdBy: actor, note: 'vip' });
      await store.audit.append({
        actor,
        platform: 'discord',
        command: 'balance add',
        provider: 'proxylite',
        target: 'alice',
        result: 'ok',
      });
      const begun = await store.journal.begin({
        interactionId: 'i-1',
        kind: 'balance add',
        provider: 'proxylite',
        target: 'alice',
        actor,
        params: { amount: 1 },
      });
      await store.journal.unknown(begun.entry.id, { message: 'timeout' });
      await store.journal.resolve(begun.entry.id, 'applied', 'read back');
      const grantee = { platform: 'slack' as const, kind: 'user' as const, id: 'U9' };
      await store.access.put({
        grantee,
        role: 'staff',
        grantedBy: { platform: 'slack', userId: 'U1' },
        grantedAt: '2026-05-01T00:00:00.000Z',
      });
      await store.links.put({
        user: { platform: 'discord', id: '123456' },
        provider: 'proxylite',
        username: 'alice',
        linkedBy: { platform: 'slack', userId: 'U1' },
        linkedAt: '2026-05-01T00:00:00.000Z',
      });
      const doc = await store.documents.open('alerts', z.object({ rules: z.array(z.string()) }), { rules: [] });
      await doc.update((draft) => {
        draft.rules.push('r1');
      });
      await store.notify.commit((draft) => {
        draft.fired.k = { at: '2026-05-01T00:00:00.000Z', subject: 's' };
        return { enqueue: [delivery('m@discord:C1', '2026-05-01T00:00:00.000Z')], result: undefined };
      });
      expect(await store.transfer.isEmpty()).toBe(false);
      const items: ExportItem[] = [];
      for await (const item of store.transfer.dump()) items.push(item);
      expect(JSON.stringify(items)).not.toMatch(/password/);

      const { store: target } = await stores.fresh({ now });
      await target.transfer.load(items);
      const again: ExportItem[] = [];
      for await (const item of target.transfer.dump()) again.push(item);
      expect(again).toEqual(items);
      expect((await target.journal.get(begun.entry.id))?.resolution?.outcome).toBe('applied');
      expect(items.filter((i) => i.kind === 'link')).toHaveLength(1);
      expect((await target.links.get('proxylite', 'alice'))?.user).toEqual({ platform: 'discord', id: '123456' });
      await target.transfer.clear();
      expect(await target.transfer.isEmpty()).toBe(true);
    });
  });
}

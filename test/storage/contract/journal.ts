import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import type { BeginInput } from '../../../src/storage/journal.js';
import { actor, opener, type StoreHarness } from './harness.js';

function balanceAdd(interactionId: string, target = 'alice'): BeginInput {
  return {
    interactionId,
    kind: 'balance add',
    provider: 'proxyshard',
    target,
    actor,
    params: { amount: 5, unit: 'GB' },
  };
}

export function journalContract(harness: StoreHarness): void {
  describe(`${harness.name}: operation journal`, () => {
    const stores = opener(harness);
    let clock = new Date('2026-01-01T00:00:00Z');
    const now = () => clock;
    afterEach(async () => {
      await stores.closeAll();
      clock = new Date('2026-01-01T00:00:00Z');
    });

    it('records the operation before the call and replays the first result for a repeated interaction id', async () => {
      const { location, store } = await stores.fresh({ now });
      const first = await store.journal.begin(balanceAdd('i-1'));
      expect(first.state).toBe('started');
      expect(await location.raw()).toContain('i-1');
      expect((await store.journal.begin(balanceAdd('i-1'))).state).toBe('in_progress');
      await store.journal.succeed(first.entry.id, { remainingBytes: 5e9 });
      expect(await store.journal.begin(balanceAdd('i-1'))).toEqual({
        state: 'replay',
        entry: expect.objectContaining({ status: 'succeeded', result: { remainingBytes: 5e9 } }),
      });
      expect((await store.journal.findByInteraction('i-1'))?.id).toBe(first.entry.id);
      await expect(store.journal.begin({ ...balanceAdd('i-1'), kind: 'balance remove' })).rejects.toThrow(
        /already used for another operation/,
      );
    });

    it('lets only one of many simultaneous begins with one interaction id start, across openers', async () => {
      const { location, store } = await stores.fresh({ now });
      const other = await stores.again(location, { now });
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, n) => (n % 2 ? store : other).journal.begin(balanceAdd('i-2'))),
      );
      expect(results.filter((r) => r.state === 'started')).toHaveLength(1);
      expect(results.filter((r) => r.state === 'in_progress')).toHaveLength(7);
    });

    it('blocks the same provider and target after an unknown outcome until it is resolved', async () => {
      const { location, store } = await stores.fresh({ now });
      const other = await stores.again(location, { now });
      const first = await store.journal.begin(balanceAdd('i-1', 'Alice'));
      await store.journal.unknown(first.entry.id, { message: 'timed out after 30 s' });
      expect(await other.journal.begin(balanceAdd('i-2', 'alice'))).toEqual({
        state: 'blocked',
        entry: expect.objectContaining({ id: first.entry.id, status: 'outcome_unknown' }),
      });
      expect((await other.journal.begin(balanceAdd('i-3', 'bob'))).state).toBe('started');
      expect((await other.journal.unresolved('proxyshard')).map((e) => e.id)).toEqual([first.entry.id]);
      expect((await store.journal.begin(balanceAdd('i-1', 'Alice'))).state).toBe('blocked');
      await other.journal.resolve(first.entry.id, 'not_applied', 'balance read back unchanged');
      expect(await store.journal.unresolved()).toEqual([]);
      expect((await store.journal.begin(balanceAdd('i-2', 'alice'))).state).toBe('started');
      expect((await store.journal.begin(balanceAdd('i-1', 'Alice'))).entry.resolution).toEqual(
        expect.objectContaining({ outcome: 'not_applied' }),
      );
    });

    it('turns a change whose store closed mid-call into outcome_unknown, but never a running opener’s change', async () => {
      const { location, store } = await stores.fresh({ now });
      const live = await stores.again(location, { now });
      const running = await live.journal.begin(balanceAdd('i-live', 'bob'));
      const begun = await store.journal.begin(balanceAdd('i-1'));
      await store.close(); // the process "dies" during the upstream call
      const reopened = await stores.again(location, { now });
      const entry = await reopened.journal.get(begun.entry.id);
      expect(entry?.status).toBe('outcome_unknown');
      expect(entry?.unknown?.interrupted).toBe(true);
      expect((await reopened.journal.begin(balanceAdd('i-9'))).state).toBe('blocked');
      expect((await reopened.journal.get(running.entry.id))?.status).toBe('started');
      expect((await reopened.journal.begin(balanceAdd('i-10', 'bob'))).state).toBe('busy');
      await live.journal.succeed(running.entry.id, {});
      expect((await reopened.journal.begin(balanceAdd('i-10', 'bob'))).state).toBe('started');
    });

    it('never stores a secret: result and params are scrubbed and the replay says so', async () => {
      const { location, store } = await stores.fresh({ now });
      const begun = await store.journal.begin(
        { ...balanceAdd('i-1'), kind: 'password reset', params: { password: 'hunter22', note: 'new pass hunter22' } },
        { secrets: ['hunter22'] },
      );
      await store.journal.succeed(
        begun.entry.id,
        { username: 'alice', password: 'S3cret-Pa55', config: { privateKey: 'abc' }, url: 'https://x/api?key=K123' },
        { secrets: ['S3cret-Pa55'] },
      );
      const raw = await location.raw();
      for (const secret of ['hunter22', 'S3cret-Pa55', 'privateKey', 'K123']) expect(raw).not.toContain(secret);
      const replay = await store.journal.begin({ ...balanceAdd('i-1'), kind: 'password reset', params: {} });
      expect(replay.entry.result).toEqual({ username: 'alice', url: 'https://x/api?key=***' });
      expect(replay.entry.secretsRemoved).toBe(true);
    });

    it('refuses a transition from the wrong state', async () => {
      const { store } = await stores.fresh({ now });
      const begun = await store.journal.begin(balanceAdd('i-1'));
      await store.journal.fail(begun.entry.id, { code: 'upstream_rejected', message: 'no' });
      await expect(store.journal.succeed(begun.entry.id, {})).rejects.toThrow(AppError);
      await expect(store.journal.resolve(begun.entry.id, 'applied', 'x')).rejects.toThrow(/cannot go/);
      await expect(store.journal.succeed('nope', {})).rejects.toThrow(/No operation/);
      expect((await store.journal.get(begun.entry.id))?.error).toEqual({ code: 'upstream_rejected', message: 'no' });
    });

    it('forgets settled entries older than the retention at maintenance, and keeps unresolved ones', async () => {
      const { location, store } = await stores.fresh({ now });
      const done = await store.journal.begin(balanceAdd('old-done', 'a'));
      await store.journal.succeed(done.entry.id, {});
      const unsure = await store.journal.begin(balanceAdd('old-unknown', 'b'));
      await store.journal.unknown(unsure.entry.id, { message: 'timeout' });
      clock = new Date('2026-01-09T00:00:00Z');
      await store.maintain();
      const later = await stores.again(location, { now });
      expect((await later.journal.get(unsure.entry.id))?.status).toBe('outcome_unknown');
      expect(await later.journal.get(done.entry.id)).toBeUndefined();
    });

    it('lists what was started since a moment, per provider, whatever its status, to every opener', async () => {
      const { location, store } = await stores.fresh({ now });
      const other = await stores.again(location, { now });
      const yesterday = await store.journal.begin(balanceAdd('i-old', 'a'));
      await store.journal.succeed(yesterday.entry.id, {});
      clock = new Date('2026-01-02T08:00:00Z');
      const done = await store.journal.begin(balanceAdd('i-done', 'b'));
      await store.journal.succeed(done.entry.id, { charged: 5 });
      const unsure = await store.journal.begin(balanceAdd('i-unsure', 'c'));
      await store.journal.unknown(unsure.entry.id, { message: 'timeout' });
      const elsewhere = await store.journal.begin({ ...balanceAdd('i-other', 'd'), provider: 'youproxy' });
      const since = '2026-01-02T00:00:00.000Z';
      const seen = await other.journal.startedSince(since, 'proxyshard');
      expect(seen.map((e) => [e.interactionId, e.status])).toEqual([
        ['i-done', 'succeeded'],
        ['i-unsure', 'outcome_unknown'],
      ]);
      expect(seen[0]?.result).toEqual({ charged: 5 });
      expect((await other.journal.startedSince(since)).map((e) => e.id)).toContain(elsewhere.entry.id);
      expect(await other.journal.startedSince('2026-01-03T00:00:00.000Z')).toEqual([]);
    });

    it('records on the started entry when the request may last land', async () => {
      const { store } = await stores.fresh({ now });
      const begun = await store.journal.begin({ ...balanceAdd('i-new'), landsWithinMs: 315_000 });
      expect(begun.entry.landsBy).toBe('2026-01-01T00:05:15.000Z');
      expect((await store.journal.get(begun.entry.id))?.landsBy).toBe('2026-01-01T00:05:15.000Z');
    });

    it('holds a secret result in memory only, for the user who asked, until released or expired', async () => {
      const { location, store } = await stores.fresh({ now });
      const query = { kind: 'balance add', provider: 'proxyshard', target: 'ALICE', platform: 'discord', userId: 'u1' };
      const first = await store.journal.begin(balanceAdd('i-1', 'alice'));
      store.journal.holdSecret(first.entry.id, { password: 'Held5ecret' });
      expect(await store.journal.findHeld(query)).toBeUndefined(); // not finished yet
      await store.journal.succeed(first.entry.id, {});
      expect((await store.journal.findHeld(query))?.id).toBe(first.entry.id);
      expect(await store.journal.findHeld({ ...query, userId: 'u2' })).toBeUndefined();
      expect(store.journal.heldSecret(first.entry.id)).toEqual({ password: 'Held5ecret' });
      expect(await location.raw()).not.toContain('Held5ecret');
      store.journal.releaseSecret(first.entry.id);
      expect(await store.journal.findHeld(query)).toBeUndefined();
      const second = await store.journal.begin(balanceAdd('i-2', 'alice'));
      store.journal.holdSecret(second.entry.id, { password: 'Expiring1' });
      await store.journal.succeed(second.entry.id, {});
      clock = new Date(clock.getTime() + 60 * 60_000 + 1_000);
      expect(store.journal.heldSecret(second.entry.id)).toBeUndefined();
    });
  });
}

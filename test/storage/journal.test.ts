import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { type BeginInput, openJournal } from '../../src/storage/journal.js';
import { journalRecordSchema } from '../../src/storage/journal-records.js';
import { openJsonl } from '../../src/storage/jsonl.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { useTempDirs } from './tmp.js';

const actor = { platform: 'discord', userId: 'u1', name: 'Ann' };

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

describe('operation journal', () => {
  const tempDir = useTempDirs();
  let clock = new Date('2026-01-01T00:00:00Z');
  const now = () => clock;

  async function open(dir: string): Promise<Store> {
    return openStore(dir, { now });
  }

  it('records the operation before the call and replays the first result for a repeated interaction id', async () => {
    const store = await open(await tempDir());
    const first = await store.journal.begin(balanceAdd('i-1'));
    expect(first.state).toBe('started');
    const raw = await readFile(join(store.dataDir, 'journal.jsonl'), 'utf8');
    expect(raw).toContain('"t":"started"');
    expect(raw).toContain('"interactionId":"i-1"');

    expect((await store.journal.begin(balanceAdd('i-1'))).state).toBe('in_progress');
    await store.journal.succeed(first.entry.id, { remainingBytes: 5e9 });

    const again = await store.journal.begin(balanceAdd('i-1'));
    expect(again).toEqual({
      state: 'replay',
      entry: expect.objectContaining({ status: 'succeeded', result: { remainingBytes: 5e9 } }),
    });
    await store.close();
  });

  it('lets only one of two simultaneous begins with the same interaction id start', async () => {
    const store = await open(await tempDir());
    const states = (
      await Promise.all([store.journal.begin(balanceAdd('i-2')), store.journal.begin(balanceAdd('i-2'))])
    ).map((r) => r.state);
    expect(states.sort()).toEqual(['in_progress', 'started']);
    await store.close();
  });

  it('blocks the same provider and target after an unknown outcome until it is resolved', async () => {
    const store = await open(await tempDir());
    const first = await store.journal.begin(balanceAdd('i-1', 'Alice'));
    await store.journal.unknown(first.entry.id, { message: 'timed out after 30 s' });

    const blocked = await store.journal.begin(balanceAdd('i-2', 'alice'));
    expect(blocked).toEqual({
      state: 'blocked',
      entry: expect.objectContaining({ id: first.entry.id, status: 'outcome_unknown' }),
    });
    expect((await store.journal.begin(balanceAdd('i-3', 'bob'))).state).toBe('started');
    expect(store.journal.unresolved('proxyshard').map((e) => e.id)).toEqual([first.entry.id]);
    expect((await store.journal.begin(balanceAdd('i-1', 'Alice'))).state).toBe('blocked');

    await store.journal.resolve(first.entry.id, 'not_applied', 'balance read back unchanged');
    expect(store.journal.unresolved()).toEqual([]);
    expect((await store.journal.begin(balanceAdd('i-2', 'alice'))).state).toBe('started');
    expect((await store.journal.begin(balanceAdd('i-1', 'Alice'))).entry.resolution).toEqual(
      expect.objectContaining({ outcome: 'not_applied' }),
    );
    await store.close();
  });

  it('turns an operation started but never finished into outcome_unknown when reopened', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const begun = await store.journal.begin(balanceAdd('i-1'));
    await store.close(); // the process "dies" during the upstream call

    const reopened = await open(dir);
    const entry = reopened.journal.get(begun.entry.id);
    expect(entry?.status).toBe('outcome_unknown');
    expect(entry?.unknown?.interrupted).toBe(true);
    expect((await reopened.journal.begin(balanceAdd('i-9'))).state).toBe('blocked');
    await reopened.close();

    const third = await open(dir);
    expect(third.journal.get(begun.entry.id)?.status).toBe('outcome_unknown');
    await third.close();
  });

  it('never writes a secret: result and params are scrubbed and the replay says so', async () => {
    const store = await open(await tempDir());
    const begun = await store.journal.begin(
      { ...balanceAdd('i-1'), kind: 'password reset', params: { password: 'hunter22', note: 'new pass hunter22' } },
      { secrets: ['hunter22'] },
    );
    await store.journal.succeed(
      begun.entry.id,
      { username: 'alice', password: 'S3cret-Pa55', config: { privateKey: 'abc' }, url: 'https://x/api?key=K123' },
      { secrets: ['S3cret-Pa55'] },
    );
    const raw = await readFile(join(store.dataDir, 'journal.jsonl'), 'utf8');
    for (const secret of ['hunter22', 'S3cret-Pa55', 'privateKey', 'K123', 'abc']) expect(raw).not.toContain(secret);
    const replay = await store.journal.begin({ ...balanceAdd('i-1'), kind: 'password reset', params: {} });
    expect(replay.entry.result).toEqual({ username: 'alice', url: 'https://x/api?key=***' });
    expect(replay.entry.secretsRemoved).toBe(true);
    await store.close();
  });

  it('refuses a transition from the wrong state', async () => {
    const store = await open(await tempDir());
    const begun = await store.journal.begin(balanceAdd('i-1'));
    await store.journal.fail(begun.entry.id, { code: 'upstream_rejected', message: 'no' });
    await expect(store.journal.succeed(begun.entry.id, {})).rejects.toThrow(AppError);
    await expect(store.journal.resolve(begun.entry.id, 'applied', 'x')).rejects.toThrow(/cannot go/);
    await expect(store.journal.succeed('nope', {})).rejects.toThrow(/No operation/);
    await store.close();
  });

  it('drops settled entries older than the retention from memory on open but keeps unresolved ones', async () => {
    const dir = await tempDir();
    clock = new Date('2026-01-01T00:00:00Z');
    const store = await open(dir);
    const done = await store.journal.begin(balanceAdd('old-done', 'a'));
    await store.journal.succeed(done.entry.id, {});
    const unsure = await store.journal.begin(balanceAdd('old-unknown', 'b'));
    await store.journal.unknown(unsure.entry.id, { message: 'timeout' });
    await store.close();

    clock = new Date('2026-01-09T00:00:00Z');
    const later = await open(dir);
    expect(later.journal.size()).toBe(1);
    expect(later.journal.get(unsure.entry.id)?.status).toBe('outcome_unknown');
    expect(later.journal.get(done.entry.id)).toBeUndefined();
    await later.close();
    clock = new Date('2026-01-01T00:00:00Z');
  });

  it('refuses a journal with a corrupt middle line and leaves it untouched', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.journal.begin(balanceAdd('i-1'));
    await store.close();
    const file = join(dir, 'journal.jsonl');
    const good = await readFile(file, 'utf8');
    await appendFile(file, '{"t":"started",\n{"t":"resolved"}\n');
    const broken = await readFile(file, 'utf8');
    await expect(open(dir)).rejects.toThrow(/journal\.jsonl: line \d/);
    expect(await readFile(file, 'utf8')).toBe(broken);
    expect(broken.startsWith(good)).toBe(true);
  });
  it('records on the started line when the request may last land, and still loads lines written without it', async () => {
    const dir = await tempDir();
    const old = { t: 'started', id: 'oldline001', interactionId: 'i-old', kind: 'balance add', provider: 'proxyshard' };
    await appendFile(
      join(dir, 'journal.jsonl'),
      `${JSON.stringify({ ...old, target: 'zed', actor, params: {}, at: clock.toISOString() })}\n`,
    );
    const store = await open(dir);
    expect(store.journal.get('oldline001')).toMatchObject({ status: 'outcome_unknown' });
    expect(store.journal.get('oldline001')?.landsBy).toBeUndefined();
    const begun = await store.journal.begin({ ...balanceAdd('i-new'), landsWithinMs: 315_000 });
    expect(begun.entry.landsBy).toBe('2026-01-01T00:05:15.000Z');
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).toContain('"landsBy":"2026-01-01T00:05:15.000Z"');
    await store.close();
  });

  it('keeps what the upstream call did in memory when the disk refuses the line', async () => {
    const dir = await tempDir();
    const log = await openJsonl(join(dir, 'journal.jsonl'), journalRecordSchema);
    let full = false;
    const journal = await openJournal(
      {
        file: log.file,
        size: 0,
        append: (record) => (full ? Promise.reject(new Error('ENOSPC')) : log.append(record)),
        settle: () => log.settle(),
        reverse: () => log.reverse(),
        scan: () => log.scan(),
        close: () => log.close(),
      },
      { now },
    );
    const done = await journal.begin(balanceAdd('i-1', 'alice'));
    const unsure = await journal.begin(balanceAdd('i-2', 'bob'));
    full = true;
    await expect(journal.succeed(done.entry.id, { ok: true })).rejects.toThrow('ENOSPC');
    await expect(journal.unknown(unsure.entry.id, { message: 'timeout' })).rejects.toThrow('ENOSPC');
    // A redelivery replays instead of waiting forever, and the unknown outcome still blocks its account.
    expect((await journal.begin(balanceAdd('i-1', 'alice'))).state).toBe('replay');
    expect((await journal.begin(balanceAdd('i-3', 'bob'))).state).toBe('blocked');
    await log.close();
  });

  it('holds a secret result in memory only, for the user who asked, until released or expired', async () => {
    const dir = await tempDir();
    const log = await openJsonl(join(dir, 'journal.jsonl'), journalRecordSchema);
    const journal = await openJournal(log, { now, secretHoldMs: 60_000 });
    const query = { kind: 'balance add', provider: 'proxyshard', target: 'ALICE', platform: 'discord', userId: 'u1' };
    const first = await journal.begin(balanceAdd('i-1', 'alice'));
    journal.holdSecret(first.entry.id, { password: 'Held5ecret' });
    expect(journal.findHeld(query)).toBeUndefined(); // not finished yet
    await journal.succeed(first.entry.id, {});
    expect(journal.findHeld(query)?.id).toBe(first.entry.id);
    expect(journal.findHeld({ ...query, userId: 'u2' })).toBeUndefined();
    expect(journal.heldSecret(first.entry.id)).toEqual({ password: 'Held5ecret' });
    expect(await readFile(log.file, 'utf8')).not.toContain('Held5ecret');
    journal.releaseSecret(first.entry.id);
    expect(journal.findHeld(query)).toBeUndefined();

    const second = await journal.begin(balanceAdd('i-2', 'alice'));
    journal.holdSecret(second.entry.id, { password: 'Expiring1' });
    await journal.succeed(second.entry.id, {});
    clock = new Date(clock.getTime() + 61_000);
    expect(journal.heldSecret(second.entry.id)).toBeUndefined();
    clock = new Date('2026-01-01T00:00:00Z');
    await log.close();
  });
});

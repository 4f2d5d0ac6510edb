import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { leaves } from '../../src/runtime/command.js';
import { Confirmations } from '../../src/runtime/confirmations.js';
import type { CommandContext } from '../../src/runtime/context.js';
import { openStore } from '../../src/storage/open.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const OWNER = '100000000000000001';
const STAFF = '100000000000000002';
const STRANGER = '100000000000000003';
const ROLE = '200000000000000009';

describe('access control and confirmations', () => {
  let t: TestApp;
  let user: string;

  beforeAll(async () => {
    t = await startTestApp({ OWNER_DISCORD_IDS: OWNER });
    user = ((await t.run('customer list proxylite')).data.customers as Array<{ username: string }>)[0]!.username;
  });
  afterAll(() => t.close());

  const ctxFor = async (
    userId: string,
    roleIds: string[] = [],
    interactionId = `i-${Math.random()}`,
  ): Promise<CommandContext> => ({
    actor: await t.dispatcher.actor('discord', userId, `user-${userId.slice(-1)}`, roleIds),
    interactionId,
    confirmed: false,
    sandbox: true,
    services: t.app.services,
    now: () => new Date(),
  });
  const requests = () => t.sim('proxylite').received.length;

  it('makes configured owners owners and everyone else nobody', async () => {
    expect((await t.dispatcher.actor('discord', OWNER)).role).toBe('owner');
    expect((await t.dispatcher.actor('discord', STRANGER)).role).toBeNull();
    expect((await t.dispatcher.actor('slack', OWNER)).role).toBeNull();
  });

  it('refuses a user without a role, sends nothing upstream, and audits the denial', async () => {
    const before = requests();
    const out = await t.dispatcher.runText(`balance add proxylite ${user} 1`, await ctxFor(STRANGER));
    expect(out.error?.code).toBe('forbidden');
    expect(requests()).toBe(before);
    const [denial] = await t.app.services.store.audit.recent({ actorId: STRANGER, limit: 1 });
    expect(denial).toMatchObject({ result: 'denied', command: 'balance add', errorCode: 'forbidden' });
  });

  it('lets an owner grant staff to a user and viewer to a Discord role', async () => {
    const owner = await ctxFor(OWNER);
    expect((await t.dispatcher.runText(`access grant <@${STAFF}> staff`, owner)).error).toBeNull();
    expect((await t.dispatcher.runText(`access grant <@&${ROLE}> viewer`, owner)).error).toBeNull();
    expect((await t.dispatcher.actor('discord', STAFF)).role).toBe('staff');
    expect((await t.dispatcher.actor('discord', STRANGER, undefined, [ROLE])).role).toBe('viewer');
    const listed = await t.dispatcher.runText('access list', owner);
    expect(listed.data.grants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: STAFF, kind: 'user', role: 'staff' }),
        expect.objectContaining({ id: ROLE, kind: 'discord-role', role: 'viewer' }),
      ]),
    );
  });

  it('keeps viewers read-only', async () => {
    const viewer = await ctxFor(STRANGER, [ROLE]);
    expect((await t.dispatcher.runText(`customer info proxylite ${user}`, viewer)).error).toBeNull();
    expect((await t.dispatcher.runText(`customer disable proxylite ${user}`, viewer)).error?.code).toBe('forbidden');
  });

  it('keeps /access for owners only', async () => {
    const out = await t.dispatcher.runText(`access grant <@${STRANGER}> owner`, await ctxFor(STAFF));
    expect(out.error?.code).toBe('forbidden');
    expect((await t.dispatcher.actor('discord', STRANGER)).role).toBeNull();
  });

  it('shows the audit log to staff, filtered by user', async () => {
    const out = await t.dispatcher.runText(`audit user:<@${STRANGER}> limit:5`, await ctxFor(STAFF));
    expect(out.error).toBeNull();
    const entries = out.data.entries as Array<{ actor: { userId: string } }>;
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.actor.userId).toBe(STRANGER);
  });

  it('asks chat users to confirm with a stored question, ignoring confirm:yes typed in chat', async () => {
    const before = requests();
    const out = await t.dispatcher.runText(`customer delete proxylite ${user} confirm:yes`, await ctxFor(STAFF));
    expect(out.error?.code).toBe('confirmation_required');
    expect(out.confirmation?.id).toEqual(expect.any(String));
    expect(requests()).toBe(before);
  });

  it('lets only the requester press Confirm, acts once, and refuses the second press', async () => {
    const asked = await t.dispatcher.runText(`balance add proxylite ${user} 1`, await ctxFor(STAFF));
    const id = asked.confirmation!.id!;
    const before = t.count('proxylite', 'POST /end-point/whitelist-account/change-limit');
    const stranger = await t.dispatcher.answer(id, true, await ctxFor(OWNER));
    expect(stranger.error?.code).toBe('forbidden');
    const first = await t.dispatcher.answer(id, true, await ctxFor(STAFF));
    expect(first.error).toBeNull();
    const second = await t.dispatcher.answer(id, true, await ctxFor(STAFF));
    expect(second.error?.code).toBe('conflict');
    expect(t.count('proxylite', 'POST /end-point/whitelist-account/change-limit') - before).toBe(1);
  });

  it('re-checks the role when the button is pressed', async () => {
    const temp = '100000000000000044';
    await t.dispatcher.runText(`access grant <@${temp}> staff`, await ctxFor(OWNER));
    const asked = await t.dispatcher.runText(`balance add proxylite ${user} 1`, await ctxFor(temp));
    await t.dispatcher.runText(`access revoke <@${temp}>`, await ctxFor(OWNER));
    const pressed = await t.dispatcher.answer(asked.confirmation!.id!, true, await ctxFor(temp));
    expect(pressed.error?.code).toBe('forbidden');
  });

  it('does nothing on Cancel', async () => {
    const before = requests();
    const asked = await t.dispatcher.runText(`customer delete proxylite ${user}`, await ctxFor(STAFF));
    const out = await t.dispatcher.answer(asked.confirmation!.id!, false, await ctxFor(STAFF));
    expect(out.title).toBe('Cancelled');
    expect(requests()).toBe(before);
  });
});

describe('stored confirmations', () => {
  const leaf = leaves(commands.find((c) => c.name === 'customer')!).find((r) => r.path === 'customer create')!.leaf;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ro-confirm-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('survive a restart, but not with a secret they no longer hold', async () => {
    let store = await openStore(dir, { fsync: false });
    let confirmations = await new Confirmations(store);
    const requester = { platform: 'discord', userId: '42' };
    const plain = await confirmations.ask({
      path: 'customer create',
      options: leaf.options,
      args: { provider: 'proxylite', username: 'x1' },
      requester,
      interactionId: 'a',
    });
    const secret = await confirmations.ask({
      path: 'customer create',
      options: leaf.options,
      args: { provider: 'proxylite', username: 'x2', password: 'Sup3rSecret' },
      requester,
      interactionId: 'b',
    });
    await store.close();
    store = await openStore(dir, { fsync: false });
    confirmations = await new Confirmations(store);
    const answered = await confirmations.answer(plain.id, requester, true);
    expect(answered).toMatchObject({ kind: 'confirmed', args: { provider: 'proxylite', username: 'x1' } });
    expect(await confirmations.answer(secret.id, requester, true)).toMatchObject({
      kind: 'expired',
      reason: 'restart',
    });
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(join(dir, 'confirmations.jsonl'), 'utf8')).not.toContain('Sup3rSecret');
    await store.close();
  });

  it('expire after their time with a clear answer', async () => {
    const store = await openStore(dir, { fsync: false });
    let now = new Date('2026-11-23T10:00:00Z');
    const confirmations = await new Confirmations(store, { now: () => now, ttlMs: 60_000 });
    const requester = { platform: 'slack', userId: 'U1' };
    const asked = await confirmations.ask({
      path: 'customer create',
      options: leaf.options,
      args: { provider: 'proxylite', username: 'x3' },
      requester,
      interactionId: 'c',
    });
    now = new Date('2026-11-23T10:01:01Z');
    expect(await confirmations.answer(asked.id, requester, true)).toMatchObject({ kind: 'expired', reason: 'timeout' });
    await store.close();
  });
});

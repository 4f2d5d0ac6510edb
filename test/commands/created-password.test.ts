import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import type { Actor } from '../../src/kit/actor.js';
import { silentLogger } from '../../src/logger.js';
import type { CommandContext } from '../../src/runtime/context.js';
import { createDispatcher } from '../../src/runtime/dispatch.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { createServices } from '../../src/services/index.js';
import type { Services } from '../../src/services/types.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { storeOnFillingDisk } from '../helpers/full-disk.js';

const addRoute = 'POST /end-point/whitelist-account/add';
const maker: Actor = { platform: 'discord', userId: 'maker-1', name: 'Mia', role: 'staff' };
const other: Actor = { platform: 'discord', userId: 'other-2', name: 'Omar', role: 'staff' };

function contextFor(services: Services, actor: Actor, interactionId: string): CommandContext {
  return { actor, interactionId, confirmed: false, sandbox: true, services, now: () => new Date() };
}

/** Every file under `dir`, as one string: where a password must never turn up. */
async function everythingOnDisk(dir: string): Promise<string> {
  const files = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(
    files.filter((f) => f.isFile()).map((f) => readFile(join(f.parentPath, f.name), 'utf8')),
  );
  return texts.join('\n');
}

/** Issue: with a full disk the vendor had the account, the reply was `internal`, and a retry said "taken". */
describe('a new customer password when the local writes after the create fail', () => {
  let sandbox: Sandbox;
  let dir: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    dir = await mkdtemp(join(tmpdir(), 'ro-fulldisk-'));
  });
  afterAll(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('still reaches the user, privately, with a warning; asked again, it is not shown again', async () => {
    let full = false;
    const now = () => new Date();
    const store = await storeOnFillingDisk(dir, () => full, now);
    const config = loadConfig({ ...sandbox.env, DATA_DIR: dir, PROVIDER_TIMEOUT_MS: '5000' });
    const providers = config.providers.map(({ definition, settings }) => definition.create(settings));
    const services = await createServices({ providers, store, logger: silentLogger, now });
    const dispatcher = createDispatcher(services, commands);
    const sim = sandbox.simulators.proxylite.server;
    try {
      let create!: () => void;
      sim.fault({ route: addRoute, kind: 'hold', until: new Promise<void>((r) => (create = r)), times: 1 });
      const since = sim.received.length;
      const answer = dispatcher.runText('customer create proxylite diskfull1', contextFor(services, maker, 'i-full'));
      await vi.waitFor(() => expect(sim.received.slice(since).some((r) => r.route === addRoute)).toBe(true));
      full = true; // the disk fills up while the vendor creates the account
      create();
      const out = await answer;

      expect(out.error).toBeNull();
      expect(out.visibility).toBe('private');
      const password = out.data.password as string;
      expect(password).toMatch(/^[A-Za-z0-9]{6,}$/);
      expect(out.fields).toContainEqual({ label: 'Password', value: password });
      expect(out.text).toContain('could not write its own record of this (journal, audit log, customer registry)');

      // Asked again — the same interaction, or the same user anew — it is not shown a second time.
      const redelivered = await dispatcher.runText(
        'customer create proxylite diskfull1',
        contextFor(services, maker, 'i-full'),
      );
      expect(redelivered.data).toMatchObject({ replayed: true });
      full = false;
      const anew = await dispatcher.runText('customer create proxylite diskfull1', contextFor(services, maker, 'i-2'));
      for (const reply of [redelivered, anew]) expect(JSON.stringify(reply)).not.toContain(password);
      expect(await everythingOnDisk(dir)).not.toContain(password);
    } finally {
      await store.close();
    }
  });
});

/** The process could not answer in time: the same user asking again gets the password, once. */
describe('a new customer password whose answer never went out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Creates `username` with the answer deadline passing while the vendor holds the request. */
  async function createAfterDeadline(username: string, interactionId: string): Promise<void> {
    const slow = createDispatcher(t.app.services, commands, { deadlineMs: 100 });
    let create!: () => void;
    t.sim('proxylite').fault({
      route: addRoute,
      kind: 'hold',
      until: new Promise<void>((r) => (create = r)),
      times: 1,
    });
    const first = await slow.runText(
      `customer create proxylite ${username}`,
      contextFor(t.app.services, maker, interactionId),
    );
    expect(first.error?.code).toBe('outcome_unknown');
    expect(JSON.stringify(first)).not.toMatch(/password/i);
    create();
    await vi.waitFor(async () =>
      expect((await t.app.services.store.journal.findByInteraction(interactionId))?.status).toBe('succeeded'),
    );
  }

  const ask = (username: string, actor: Actor, interactionId: string) =>
    t.dispatcher.runText(`customer create proxylite ${username}`, contextFor(t.app.services, actor, interactionId));

  it('shows it once to the same user running the same create again, never to someone else', async () => {
    await createAfterDeadline('lateanswer1', 'late-1');
    const someoneElse = await ask('lateanswer1', other, 'other-1');
    expect(someoneElse.data.password).toBeUndefined();

    const sent = t.count('proxylite', addRoute);
    const mine = await ask('lateanswer1', maker, 'late-2');
    expect(mine.error).toBeNull();
    expect(mine.visibility).toBe('private');
    expect(mine.text).toMatch(/created by your earlier request/);
    const password = mine.data.password as string;
    expect(password).toMatch(/^[A-Za-z0-9]{6,}$/);
    expect(t.count('proxylite', addRoute)).toBe(sent);

    const again = await ask('lateanswer1', maker, 'late-3');
    const redelivered = await ask('lateanswer1', maker, 'late-1');
    for (const reply of [again, redelivered]) expect(JSON.stringify(reply)).not.toContain(password);
    expect(await everythingOnDisk(t.app.services.store.location)).not.toContain(password);
  });

  it('shows it once when the same interaction is delivered again', async () => {
    await createAfterDeadline('lateanswer2', 'late-4');
    const redelivered = await ask('lateanswer2', maker, 'late-4');
    expect(redelivered.error).toBeNull();
    const password = redelivered.data.password as string;
    expect(password).toMatch(/^[A-Za-z0-9]{6,}$/);
    const twice = await ask('lateanswer2', maker, 'late-4');
    expect(twice.data).toMatchObject({ replayed: true });
    expect(JSON.stringify(twice)).not.toContain(password);
  });
});

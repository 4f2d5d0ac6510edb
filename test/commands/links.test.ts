import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../adapters/terminal/console.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const maria = { platform: 'discord' as const, userId: '123456789', role: null };
const sam = { platform: 'slack' as const, userId: 'USAM0000001', role: null };

/** The console reading `lines` (not a TTY), and everything it wrote. */
async function consoleSession(t: TestApp, lines: readonly string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  input.end(`${lines.join('\n')}\n`);
  await runConsole(t.app, t.dispatcher, { input, output });
  return text;
}

/** /link and /my through the dispatcher, as the terminal and as chat users. */
describe('/link and /my', () => {
  let t: TestApp;
  let users: string[];
  const links = () => t.app.services.store.links.list();

  beforeAll(async () => {
    t = await startTestApp();
    users = ((await t.run('customer list proxylite status:active')).data.customers as { username: string }[]).map(
      (c) => c.username,
    );
  });
  afterAll(() => t?.close());

  describe('bad input: refused clearly, nothing stored', () => {
    it('refuses an account the provider does not know', async () => {
      const out = await t.run(`link add discord:${maria.userId} proxylite nosuchuser`);
      expect([out.ok, out.error?.code]).toEqual([false, 'not_found']);
      expect(out.text).toContain('ProxyLite has no account "nosuchuser": nothing was linked.');
      expect(await links()).toEqual([]);
    });

    it.each([
      ['@maria', 'is not a user I can recognise'],
      ['discord:12', 'is not a user I can recognise'],
      ['discord:1234', 'A Discord id has 17 to 20 digits (Developer Mode, then Copy User ID); 1234 has 4.'],
      ['<#123456789>', 'is not a user I can recognise'],
      ['discord-role:123456789', 'not to a Discord role'],
    ])('refuses the user %s', async (user, message) => {
      const out = await t.run(`link add ${user} proxylite ${users[0]}`);
      expect([out.ok, out.error?.code]).toEqual([false, 'invalid_input']);
      expect(out.text).toContain(message);
      expect(out.text).toContain('Usage: /link add <user> <provider> <username> [force:]');
      expect(await links()).toEqual([]);
    });

    it('refuses an account linked to someone else, unless forced, which is audited', async () => {
      expect((await t.run(`link add discord:${maria.userId} proxylite ${users[0]}`)).ok).toBe(true);
      const refused = await t.run(`link add slack:${sam.userId} proxylite ${users[0]}`);
      expect([refused.ok, refused.error?.code]).toEqual([false, 'conflict']);
      expect(refused.text).toContain(`proxylite:${users[0]} is linked to <@${maria.userId}> already`);
      expect((await links()).map((l) => l.user.id)).toEqual([maria.userId]);
      const forced = await t.run(`link add slack:${sam.userId} proxylite ${users[0]} force:yes`);
      expect(forced.ok).toBe(true);
      expect(forced.data.movedFrom).toEqual({ platform: 'discord', id: maria.userId });
      expect((await links()).map((l) => l.user)).toEqual([{ platform: 'slack', id: sam.userId }]);
      const [entry] = await t.app.services.store.audit.recent({ limit: 1 });
      expect(entry).toMatchObject({
        command: 'link add',
        provider: 'proxylite',
        target: users[0],
        summary: `linked to slack:${sam.userId} (moved from discord:${maria.userId}, forced)`,
      });
      expect((await t.run(`link remove proxylite ${users[0]}`)).ok).toBe(true);
      expect(await links()).toEqual([]);
      // Found with the provider's other changes, said the way they are.
      const audit = await t.run('audit provider:proxylite');
      expect(audit.text).toContain(`link add proxylite ${users[0]}`);
      expect(audit.text).toContain(`link remove proxylite ${users[0]}`);
    });

    it('keeps staff commands from customers: /link needs staff', async () => {
      const out = await t.run(`link add discord:${maria.userId} proxylite ${users[0]}`, { actor: maria });
      expect(out.error?.code).toBe('forbidden');
      expect(await links()).toEqual([]);
    });
  });

  describe('a linked customer', () => {
    beforeAll(async () => {
      expect((await t.run(`link add discord:${maria.userId} proxylite ${users[0]}`)).ok).toBe(true);
      expect((await t.run(`link add discord:${maria.userId} proxylite ${users[1]}`)).ok).toBe(true);
      expect((await t.run(`link add slack:${sam.userId} proxylite ${users[2]}`)).ok).toBe(true);
    });

    it('sees only their own accounts in /my accounts, privately', async () => {
      const out = await t.run('my accounts', { actor: maria });
      expect(out.visibility).toBe('private');
      const accounts = out.data.accounts as { provider: string; username: string; status: string }[];
      expect(accounts.map((a) => `${a.provider}:${a.username}:${a.status}`)).toEqual(
        [users[0], users[1]].map((u) => `proxylite:${u}:active`),
      );
      expect(out.text).not.toContain(users[2]);
      expect(out.files.map((f) => [f.name, f.contentType])).toEqual([['my-accounts.png', 'image/png']]);
    });

    it('gets the same answer for an account of someone else and for one that does not exist', async () => {
      const other = await t.run(`my usage account:proxylite:${users[2]}`, { actor: maria });
      const none = await t.run('my usage account:proxylite:zz_nobody', { actor: maria });
      expect([other.error?.code, none.error?.code]).toEqual(['not_found', 'not_found']);
      expect(other.text.replace(users[2] as string, 'X')).toBe(none.text.replace('zz_nobody', 'X'));
      expect(other.text).not.toMatch(/exist/);
    });

    it('asks which account when several are linked and none is named', async () => {
      const out = await t.run('my config', { actor: maria });
      expect(out.error?.code).toBe('invalid_input');
      expect(out.text).toContain(`Your accounts: proxylite:${users[0]}, proxylite:${users[1]}.`);
    });

    it('may reset their own password only once the reseller allows it', async () => {
      const off = await t.run(`my password reset account:${users[2]}`, { actor: sam });
      expect([off.error?.code, off.text]).toEqual([
        'forbidden',
        'Your reseller has not turned on password resets here.\nAsk your reseller for a new password.',
      ]);
      expect((await t.run('link policy password-reset on')).ok).toBe(true);
      try {
        const on = await t.run(`my password reset account:${users[2]}`, { actor: sam });
        expect([on.ok, on.visibility]).toEqual([true, 'private']);
        expect(on.data).toMatchObject({ provider: 'proxylite', username: users[2], replayed: false });
        expect(typeof on.data.password).toBe('string');
        const [entry] = await t.app.services.store.audit.recent({ limit: 1 });
        expect(entry).toMatchObject({ command: 'password reset', actor: { platform: 'slack', userId: sam.userId } });
        expect(JSON.stringify(entry)).not.toContain(on.data.password as string);
        const staffOnly = await t.run('link policy password-reset off', { actor: sam });
        expect(staffOnly.error?.code).toBe('forbidden');
      } finally {
        await t.run('link policy password-reset off');
      }
    });

    it('mutes and unmutes their own alerts', async () => {
      expect((await t.run('my alerts off', { actor: maria })).data).toEqual({ muted: true });
      expect(await t.app.services.customerSettings.isMuted({ platform: 'discord', id: maria.userId })).toBe(true);
      expect(await t.app.services.customerSettings.isMuted({ platform: 'slack', id: sam.userId })).toBe(false);
      const listed = (await t.run(`link list user:discord:${maria.userId}`)).text;
      expect(listed).toContain(`<@${maria.userId}> (discord) — proxylite:${users[0]} (alerts muted)`);
      expect((await t.run('my alerts on', { actor: maria })).data).toEqual({ muted: false });
      expect(await t.app.services.customerSettings.isMuted({ platform: 'discord', id: maria.userId })).toBe(false);
    });

    it('lets staff see what a customer sees with user:', async () => {
      const staff = { platform: 'discord' as const, userId: '555555555', role: 'staff' as const };
      const out = await t.run(`my accounts user:discord:${maria.userId}`, { actor: staff });
      expect(out.data.accounts).toEqual((await t.run('my accounts', { actor: maria })).data.accounts);
    });

    it('runs console lines as a chat user with as:', async () => {
      const text = await consoleSession(t, [
        `as:discord:${maria.userId} /my accounts`,
        `as:discord:${maria.userId} /customer list proxylite`,
        '/my accounts',
      ]);
      expect(text).toContain(`proxylite:${users[0]} — active`);
      expect(text).not.toContain(users[2]);
      expect(text).toContain('/customer list needs the viewer role.');
      expect(text).toContain('The terminal has no accounts linked to it.');
    });
  });
});

describe('the sandbox console', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('has two linked demo customers, so /my works at once as either of them', async () => {
    const text = await consoleSession(t, [
      'as:discord:100000000000000001 /my accounts',
      'as:slack:UDEMOCUST02 /my config',
    ]);
    const links = await t.app.services.store.links.list();
    const discord = links.filter((l) => l.user.platform === 'discord');
    const slack = links.filter((l) => l.user.platform === 'slack');
    expect([discord.length, slack.length]).toEqual([2, 1]);
    for (const l of discord) expect(text).toContain(`${l.provider}:${l.username} — active`);
    expect(text).toContain(`Config for ${slack[0]?.username}`);
    expect(text).not.toMatch(/not linked|No accounts/);
  });
});

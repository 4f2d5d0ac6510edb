import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { parseCommandLine } from '../../src/runtime/parse.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

describe('small breakages, fixed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('says there is no page past the last one, and how many pages there are', async () => {
    const first = await t.run('customer list proxylite');
    const pages = first.data.pages as number;
    const out = await t.run(`customer list proxylite page:${pages + 1}`);
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('invalid_input');
    expect(out.error?.message).toBe(
      `There is no page ${pages + 1}: ProxyLite has ${pages} page${pages === 1 ? '' : 's'} of customers.`,
    );
    expect(out.text).not.toMatch(/Page \d+ of/);
  });

  it('reads slack:U123, the documented way to name a user in text, as the user and not as an option', async () => {
    expect(parseCommandLine(commands, 'access grant slack:U123 staff').args).toEqual({
      user: 'slack:U123',
      role: 'staff',
    });
    expect(parseCommandLine(commands, 'access grant discord:123456789 viewer').args).toEqual({
      user: 'discord:123456789',
      role: 'viewer',
    });
    const out = await t.run('access grant slack:U0GRANT1 staff');
    expect(out.error).toBeNull();
    expect(out.data.grantee).toEqual({ platform: 'slack', kind: 'user', id: 'U0GRANT1' });
  });

  it('still refuses an option a command does not have', async () => {
    const out = await t.run('customer info proxylite bob colour:red');
    expect(out.error?.code).toBe('invalid_input');
  });

  it('filters the audit by what the audit prints: "root (terminal)", root, or terminal:root', async () => {
    const root = { platform: 'terminal' as const, userId: 'root', name: 'root' };
    await t.run('access grant slack:U0ROOTS1 viewer', { actor: root });
    await t.run('access grant slack:U0OTHER1 viewer', { actor: { userId: 'someone', name: 'someone' } });
    for (const user of ['user:root', 'user:"root (terminal)"', 'user:terminal:root', 'user:ROOT']) {
      const out = await t.run(`audit ${user}`);
      expect(out.error).toBeNull();
      const entries = out.data.entries as Array<{ actor: { userId: string }; target?: string }>;
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((e) => e.actor.userId === 'root')).toBe(true);
      expect(out.text).toContain('root (terminal)');
    }
    const nobody = await t.run('audit user:"nobody (slack)"');
    expect(nobody.data.entries).toEqual([]);
  });

  it('explains one subcommand with /help balance add', async () => {
    const out = await t.run('help balance add');
    expect(out.error).toBeNull();
    expect(out.title).toBe('/balance add');
    expect(out.text).toContain('/balance add <provider> <username> <amount>');
    expect(out.text).not.toContain('/balance remove');
    const group = await t.run('help alerts rule');
    expect(group.text).toContain('/alerts rule add');
    expect(group.text).not.toContain('/alerts channel set');
    const wrong = await t.run('help balance bogus');
    expect(wrong.error?.code).toBe('not_found');
    expect(wrong.text).toMatch(/There is no "\/balance bogus"\. \/balance has add, remove\./);
  });
});

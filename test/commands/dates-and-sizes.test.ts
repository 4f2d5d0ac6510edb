import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply as discordReply } from '../../adapters/discord/render.js';
import { renderReply as slackReply } from '../../adapters/slack/render.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import type { Reply } from '../../src/kit/reply.js';
import type { CommandContext } from '../../src/runtime/context.js';
import type { VpnResellersSimulator } from '../../src/sandbox/vpnresellers/index.js';
import { calendarDate, calendarDaysUntil, relativeDays } from '../../src/services/calendar.js';
import { formatBytes, formatVendorTraffic } from '../../src/services/units.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

describe('calendar days in the reseller’s time zone', () => {
  it('counts calendar days, not 24-hour periods', () => {
    const now = new Date('2030-01-01T10:00:00Z');
    expect(calendarDaysUntil('2030-01-31T09:00:00Z', now, 'UTC')).toBe(30);
    expect(calendarDaysUntil('2030-01-01T23:59:00Z', now, 'UTC')).toBe(0);
    expect(calendarDaysUntil('2030-01-02T00:01:00Z', now, 'UTC')).toBe(1);
    // 23:30 UTC is already the next day in Madrid.
    expect(calendarDaysUntil('2030-01-01T23:30:00Z', now, 'Europe/Madrid')).toBe(1);
  });

  it('says today, in 1 day, in N days, expired N days ago', () => {
    const now = new Date('2030-01-10T12:00:00Z');
    expect(relativeDays('2030-01-10T18:00:00Z', now, 'UTC')).toBe('today');
    expect(relativeDays('2030-01-10T06:00:00Z', now, 'UTC')).toBe('expired today');
    expect(relativeDays('2030-01-11T06:00:00Z', now, 'UTC')).toBe('in 1 day');
    expect(relativeDays('2030-02-09T00:00:00Z', now, 'UTC')).toBe('in 30 days');
    expect(relativeDays('2030-01-09T00:00:00Z', now, 'UTC')).toBe('expired 1 day ago');
    expect(relativeDays('2030-01-05T00:00:00Z', now, 'UTC')).toBe('expired 5 days ago');
  });

  it('reads a vendor’s midnight-UTC expiry as that calendar date in any zone', () => {
    expect(calendarDate('2030-01-31T00:00:00.000000Z', 'America/Los_Angeles')).toBe('2030-01-31');
    expect(calendarDate('2030-01-31', 'Pacific/Kiritimati')).toBe('2030-01-31');
    expect(calendarDate('2030-01-31T05:00:00Z', 'America/Los_Angeles')).toBe('2030-01-30');
  });

  it('refuses a TIMEZONE that is not a time zone, naming it', () => {
    const error = (() => {
      try {
        loadConfig({ TIMEZONE: 'Mars/Olympus' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^TIMEZONE .*not "Mars\/Olympus"/)]);
    expect(loadConfig({ TIMEZONE: 'Europe/Madrid' }).timeZone).toBe('Europe/Madrid');
  });
});

describe('one size format', () => {
  it.each([
    [500e6, '500 MB'],
    [1.5e9, '1.5 GB'],
    [8e9, '8 GB'],
    [12.34e9, '12.3 GB'],
    [123_456e9, '123,456 GB'],
    [1.25e6, '1.25 MB'],
    [640e3, '640 KB'],
    [999, '999 B'],
  ])('writes %d bytes as %s', (bytes, shown) => {
    expect(formatBytes(bytes)).toBe(shown);
  });

  it('puts the vendor’s own figure beside it only when it reads differently', () => {
    expect(formatVendorTraffic(4_817e9, 'KB')).toBe('4,817 GB (4,817,000,000 KB)');
    expect(formatVendorTraffic(250e9, 'MB')).toBe('250 GB (250,000 MB)');
    expect(formatVendorTraffic(5e9, 'GB')).toBe('5 GB');
  });
});

describe('replies that read like a person wrote them', () => {
  let t: TestApp;
  let vpn: VpnResellersSimulator;
  beforeAll(async () => {
    t = await startTestApp({ TIMEZONE: 'America/Los_Angeles' });
    vpn = t.app.sandbox!.simulators.vpnresellers as VpnResellersSimulator;
  });
  afterAll(() => t.close());

  /** One command at a fixed moment. */
  function runAt(line: string, at: string): Promise<Reply> {
    const ctx: CommandContext = {
      actor: { platform: 'terminal', userId: 'tester', name: 'tester', role: 'owner' },
      interactionId: `test:dates:${line}:${at}`,
      confirmed: false,
      sandbox: true,
      services: t.app.services,
      now: () => new Date(at),
    };
    return t.dispatcher.runText(line, ctx);
  }

  const field = (out: Reply, label: string) => out.fields.find((f) => f.label === label)?.value;

  it.each([
    // 2030-01-01 10:00 in Los Angeles.
    ['2030-01-31', '2030-01-01T18:00:00Z', '2030-01-31, in 30 days'],
    ['2030-01-02', '2030-01-01T18:00:00Z', '2030-01-02, in 1 day'],
    ['2030-01-01', '2030-01-01T18:00:00Z', '2030-01-01, today'],
    ['2029-12-27', '2030-01-01T18:00:00Z', '2029-12-27, expired 5 days ago'],
    // 2030-01-01 05:00 UTC is still 31 December in Los Angeles.
    ['2030-01-31', '2030-01-01T05:00:00Z', '2030-01-31, in 31 days'],
  ])('shows an account expiring %s, seen at %s, as "%s"', async (expiresOn, at, shown) => {
    const maria = [...vpn.state.accounts.values()].find((a) => a.username === 'maria.garcia')!;
    const before = maria.expiresOn;
    maria.expiresOn = expiresOn;
    try {
      const out = await runAt('customer info vpnresellers maria.garcia', at);
      expect(out.error).toBeNull();
      expect(field(out, 'Expires')).toBe(shown);
    } finally {
      maria.expiresOn = before;
    }
  });

  it('labels vendor facts as the provider writes them', async () => {
    const created = await t.run('customer create infiniteproxies labelcheck confirm:yes');
    expect(created.error).toBeNull();
    expect(field(created, 'Charged')).toBe('100 MB');
    const lite = await t.run('customer list proxylite');
    const liteUser = (lite.data.customers as Array<{ username: string }>)[0]!.username;
    const proxylite = await t.run(`customer info proxylite ${liteUser}`);
    const vpnInfo = await t.run('customer info vpnresellers maria.garcia');
    const shown = [...created.fields, ...proxylite.fields, ...vpnInfo.fields].map((f) => f.label);
    expect(shown).toContain('Product type');
    for (const label of shown) expect(label).not.toMatch(/Reseller charged|Limit GB|Auto renewal|MB$|GB$/);
    for (const f of [...created.fields, ...proxylite.fields, ...vpnInfo.fields]) {
      expect(f.value).not.toMatch(/^(true|false)$/);
    }
  });

  it('puts the daily usage table in a code block on Discord and Slack, and nothing else', async () => {
    const list = await t.run('customer list infiniteproxies');
    const user = (list.data.customers as Array<{ username: string }>)[0]!.username;
    const usage = await t.run(`usage show infiniteproxies ${user} days:7`);
    expect(usage.error).toBeNull();
    expect(usage.preformatted).toBe(true);
    const description = discordReply(usage).embeds[0]?.description ?? '';
    expect(description.startsWith('```\n')).toBe(true);
    expect(description.endsWith('\n```')).toBe(true);
    expect(description).toContain(usage.text.split('\n')[0]);
    const sections = slackReply(usage).blocks.filter((b) => b.type === 'section' && 'text' in b);
    const first = (sections[0] as unknown as { text: { text: string } }).text.text;
    expect(first.startsWith('```\n')).toBe(true);
    expect(first.endsWith('\n```')).toBe(true);

    const info = await t.run('customer info vpnresellers maria.garcia');
    expect(discordReply({ ...info, text: 'plain words' }).embeds[0]?.description).toBe('plain words');
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeDiscord } from '../../../adapters/discord/index.js';
import { probeSlack } from '../../../adapters/slack/index.js';
import { runDoctor } from '../../../adapters/terminal/doctor.js';
import { bootApp } from '../../../src/app/boot.js';
import { providerIds } from '../../../src/providers/registry.js';
import { type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { DiscordFake } from '../../helpers/discord-fake/server.js';
import { type SlackFake, startSlackFake } from '../../helpers/slack-fake/server.js';

interface Row {
  check: string;
  status: string;
  detail: string;
}

/** Real probes against the local Discord and Slack fakes, real provider reads against the simulators. */
describe('resellerops doctor', () => {
  let discord: DiscordFake;
  let slack: SlackFake;
  let sandbox: Sandbox;
  let dir: string;
  let runs = 0;

  beforeAll(async () => {
    [discord, slack, sandbox] = await Promise.all([DiscordFake.start(), startSlackFake(), startSandbox()]);
    dir = await mkdtemp(join(tmpdir(), 'ro-doctor-'));
  });
  afterAll(async () => {
    await Promise.all([discord?.close(), slack?.close(), sandbox?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  const chat = () => ({
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    OWNER_DISCORD_IDS: '700000000000000001',
    SLACK_BOT_TOKEN: 'xoxb-doctor-test',
    SLACK_SIGNING_SECRET: 'doctor-signing-secret-0123456789',
    SLACK_API_URL: slack.apiUrl,
    OWNER_SLACK_IDS: 'UOWNER00001',
  });

  /** Boots the app on `env` exactly as set, runs doctor on it, and reads its table back. */
  async function doctor(env: Record<string, string>): Promise<{ code: number; text: string; rows: Row[] }> {
    const app = await bootApp({ env: { LOG_LEVEL: 'silent', DATA_DIR: join(dir, `run${++runs}`), ...env } });
    let text = '';
    try {
      const code = await runDoctor(app, (t) => (text += t), {
        probes: { discord: probeDiscord, slack: probeSlack },
        env,
      });
      const rows = text
        .split('\n')
        .slice(1)
        .map((line) => {
          const [check = '', status = '', ...detail] = line.split(/ {2,}/);
          return { check, status, detail: detail.join('  ') };
        });
      return { code, text, rows };
    } finally {
      await app.close();
    }
  }
  const row = (rows: Row[], check: string) => rows.find((r) => r.check === check);

  it('names the Discord and Slack bots, reads every provider, and exits 0 when all is well', async () => {
    const out = await doctor({ ...chat(), ...sandbox.env });
    expect(out.code).toBe(0);
    expect(row(out.rows, 'discord')).toMatchObject({ status: 'ok' });
    expect(row(out.rows, 'discord')?.detail).toContain(`bot resellerops (application ${discord.applicationId})`);
    expect(row(out.rows, 'slack')).toEqual({
      check: 'slack',
      status: 'ok',
      detail: 'bot @resellerops in resellerops-test, HTTP mode on port 3000',
    });
    for (const id of providerIds) expect(row(out.rows, id)?.status).toBe('ok');
    expect(out.rows.filter((r) => r.status === 'WARN' || r.status === 'FAIL')).toEqual([]);
    const asked = discord.requests.filter((r) => r.method === 'GET').map((r) => [r.path, r.headers.authorization]);
    expect(asked).toEqual(
      expect.arrayContaining([
        ['/users/@me', `Bot ${discord.token}`],
        ['/oauth2/applications/@me', `Bot ${discord.token}`],
      ]),
    );
    expect(slack.calls.find((c) => c.method === 'auth.test')?.token).toBe('xoxb-doctor-test');
  });

  it('fails, naming the variable, when Discord refuses the token or the application id is not the bot’s', async () => {
    const refused = await doctor({ ...chat(), DISCORD_TOKEN: 'not-the-token' });
    expect(refused.code).toBe(1);
    expect(row(refused.rows, 'discord')).toMatchObject({ status: 'FAIL' });
    expect(row(refused.rows, 'discord')?.detail).toMatch(/^DISCORD_TOKEN was refused \(401\)/);
    const other = await doctor({ ...chat(), DISCORD_APPLICATION_ID: '123456789012345678' });
    expect(other.code).toBe(1);
    expect(row(other.rows, 'discord')?.detail).toContain(
      `DISCORD_APPLICATION_ID is 123456789012345678, but the token is the bot of application ${discord.applicationId}`,
    );
  });

  it('fails, naming the variable, when Slack refuses the bot token or the app token', async () => {
    slack.failNext('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    const bot = await doctor(chat());
    expect(bot.code).toBe(1);
    expect(row(bot.rows, 'slack')).toMatchObject({ status: 'FAIL' });
    expect(row(bot.rows, 'slack')?.detail).toMatch(/^SLACK_BOT_TOKEN was refused \(invalid_auth\)/);

    const socket = { ...chat(), SLACK_APP_TOKEN: 'xapp-1-doctor' };
    const ok = await doctor(socket);
    expect(row(ok.rows, 'slack')).toMatchObject({ status: 'ok', detail: expect.stringContaining('Socket Mode') });
    expect(slack.calls.filter((c) => c.method === 'apps.connections.open').map((c) => c.token)).toEqual([
      'xapp-1-doctor',
    ]);
    slack.failNext('apps.connections.open', { body: { ok: false, error: 'invalid_auth' } });
    const app = await doctor(socket);
    expect(app.code).toBe(1);
    expect(row(app.rows, 'slack')?.detail).toMatch(/^SLACK_APP_TOKEN was refused \(invalid_auth\)/);
  });

  it('fails for a provider whose simulator refuses the key, and still checks the others', async () => {
    const out = await doctor({ ...sandbox.env, PROXYLITE_APP_KEY: 'not-the-key' });
    expect(out.code).toBe(1);
    expect(row(out.rows, 'proxylite')?.status).toBe('FAIL');
    for (const id of providerIds.filter((p) => p !== 'proxylite')) expect(row(out.rows, id)?.status).toBe('ok');
  });

  it('warns about no owner, no provider and variables it does not read, with the closest name, and exits 0', async () => {
    const { OWNER_DISCORD_IDS: _, ...noDiscordOwner } = chat();
    const out = await doctor({
      ...noDiscordOwner,
      PROXYLITE_APPKEY: 'typo-value-1234',
      RESELLEROPS_DATA_DIR: '/srv/resellerops',
      HOME: '/home/reseller',
    });
    expect(out.code).toBe(0);
    expect(out.rows.filter((r) => r.status === 'WARN')).toEqual([
      { check: 'owners', status: 'WARN', detail: expect.stringMatching(/^OWNER_DISCORD_IDS is empty/) },
      { check: 'providers', status: 'WARN', detail: expect.stringMatching(/^none configured: set at least one of/) },
      {
        check: 'variables',
        status: 'WARN',
        detail: 'PROXYLITE_APPKEY is not read by resellerops; did you mean PROXYLITE_APP_KEY?',
      },
      {
        check: 'variables',
        status: 'WARN',
        detail: 'RESELLEROPS_DATA_DIR is not read by resellerops; did you mean DATA_DIR?',
      },
    ]);
    // Names only: a value set by mistake may be a key.
    expect(out.text).not.toContain('typo-value-1234');
  });
});

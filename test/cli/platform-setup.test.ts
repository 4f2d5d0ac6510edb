import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { cli } from '../helpers/cli.js';
import { DiscordFake } from '../helpers/discord-fake/server.js';
import { type SlackFake, startSlackFake } from '../helpers/slack-fake/server.js';

/** The setup commands a reseller runs before `start`, through the real bin. */
describe('resellerops doctor and slack manifest from the command line', () => {
  let cwd: string;
  let discord: DiscordFake;
  let slack: SlackFake;
  let sandbox: Sandbox;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ro-setup-'));
    [discord, slack, sandbox] = await Promise.all([DiscordFake.start(), startSlackFake(), startSandbox()]);
  });
  afterAll(async () => {
    await Promise.all([discord?.close(), slack?.close(), sandbox?.close()]);
    await rm(cwd, { recursive: true, force: true });
  });

  it('doctor checks the chat tokens live, warns about unread variables, and exits 1 for a refused key', async () => {
    const run = await cli(['doctor'], {
      cwd,
      env: {
        DATA_DIR: join(cwd, 'data'),
        DISCORD_TOKEN: 'not-the-token',
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_API_URL: discord.apiUrl,
        SLACK_BOT_TOKEN: 'xoxb-cli-doctor',
        SLACK_SIGNING_SECRET: 'cli-doctor-signing-secret-0123',
        SLACK_API_URL: slack.apiUrl,
        ...sandbox.env,
        PROXYLITE_APPKEY: 'typo',
      },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^discord\s+FAIL\s+DISCORD_TOKEN was refused \(401\)/m);
    expect(run.stdout).toMatch(/^slack\s+ok\s+bot @resellerops in resellerops-test/m);
    expect(run.stdout).toMatch(/^proxylite\s+ok\s+authenticated read/m);
    expect(run.stdout).toMatch(/^variables\s+WARN\s+PROXYLITE_APPKEY .*did you mean PROXYLITE_APP_KEY\?/m);
  }, 60_000);

  it('doctor refuses a Slack token of the wrong kind, naming the variable, with exit 2', async () => {
    const run = await cli(['doctor'], {
      cwd,
      env: { DATA_DIR: join(cwd, 'data'), SLACK_BOT_TOKEN: 'xapp-1-wrong', SLACK_SIGNING_SECRET: 'secret-0123456789' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SLACK_BOT_TOKEN must be a bot token');
  }, 60_000);

  it('slack manifest: --url is HTTP mode even when SLACK_APP_TOKEN is set; --socket with --url is refused', async () => {
    const url = 'https://bot.example.com/slack/events';
    const [http, both] = await Promise.all([
      cli(['slack', 'manifest', '--url', url], { cwd, env: { SLACK_APP_TOKEN: 'xapp-1-set' } }),
      cli(['slack', 'manifest', '--socket', '--url', url], { cwd }),
    ]);
    expect(http.code).toBe(0);
    const manifest = JSON.parse(http.stdout) as { settings: Record<string, unknown> & { interactivity: unknown } };
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(both.code).toBe(2);
    expect(both.stdout).toBe('');
    expect(both.stderr).toContain('Choose one: --socket (Socket Mode) or --url URL (HTTP mode), not both.');
  }, 60_000);
});

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { embedOf } from '../helpers/discord-fake/harness.js';
import { DiscordFake } from '../helpers/discord-fake/server.js';
import { freePort } from '../helpers/ports.js';
import { postSigned, type SlackFake, slashCommandBody, startSlackFake } from '../helpers/slack-fake/index.js';

const bin = resolve(import.meta.dirname, '../../bin/resellerops.js');
const signingSecret = 'start-test-signing-secret-0123456789';
const discordOwner = { id: '710000000000000001', username: 'owner' };

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 50 },
  );
}

/**
 * `resellerops start --sandbox` as a reseller runs it: the real bin, only the documented variables,
 * Discord and Slack pointed at local fakes through DISCORD_API_URL and SLACK_API_URL.
 */
describe('resellerops start with Discord and Slack configured', () => {
  let discord: DiscordFake;
  let slack: SlackFake;
  let child: ChildProcess;
  let cwd: string;
  let slackPort: number;
  let stderr = '';

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ro-start-'));
    discord = await DiscordFake.start();
    slack = await startSlackFake();
    slackPort = await freePort();
    child = spawn(process.execPath, [bin, 'start', '--sandbox'], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: cwd,
        LOG_LEVEL: 'info',
        DISCORD_TOKEN: discord.token,
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_API_URL: discord.apiUrl,
        OWNER_DISCORD_IDS: discordOwner.id,
        SLACK_BOT_TOKEN: 'xoxb-start-test',
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_PORT: String(slackPort),
        SLACK_API_URL: slack.apiUrl,
        OWNER_SLACK_IDS: 'USTARTOWNER1',
        NOTIFY_ENABLED: 'false',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await discord.waitForSession(30_000);
    await waitFor(() => stderr.includes('resellerops is running'), 'start-up');
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await discord?.close();
    await slack?.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it('answers a Discord slash command through the gateway with an embed', async () => {
    const sent = discord.command(discordOwner, 'reseller', ['balance'], []);
    await waitFor(() => discord.messages(sent).length > 0, 'the Discord answer');
    expect(discord.callbacks(sent).length).toBe(1);
    const embed = embedOf(discord.messages(sent).at(-1)!);
    expect(embed.title).toBe('Reseller balance');
    expect(embed.footer?.text).toContain('SANDBOX');
  });

  it('answers a signed Slack slash command: ack first, then the reply on response_url', async () => {
    const responseUrl = slack.responseUrl();
    const body = slashCommandBody({
      command: '/reseller',
      text: 'balance youproxy',
      userId: 'USTARTOWNER1',
      responseUrl,
    });
    const ack = await postSigned(`http://127.0.0.1:${slackPort}/slack/events`, signingSecret, body);
    expect(ack.status).toBe(200);
    const id = responseUrl.split('/response/')[1];
    const reply = await slack.waitFor(
      () => slack.responses.find((r) => r.id === id && JSON.stringify(r.body).includes('Youproxy')),
      20_000,
    );
    expect(JSON.stringify(reply.body)).toMatch(/\d+\.\d{2} USD/);
  });

  it('refuses a Slack request with a bad signature', async () => {
    const body = slashCommandBody({
      command: '/help',
      text: '',
      userId: 'USTARTOWNER1',
      responseUrl: slack.responseUrl(),
    });
    const res = await postSigned(`http://127.0.0.1:${slackPort}/slack/events`, signingSecret, body, {
      badSignature: true,
    });
    expect(res.status).toBe(401);
  });

  // Last: it stops the process the other tests talk to.
  it('stops on SIGTERM as a service manager asks: the Discord client says goodbye and the process exits 0', async () => {
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stderr).toContain('resellerops stopped');
    // 1000 is discord.js's own close on destroy(); a process that just exits leaves 1006.
    await waitFor(() => discord.gatewayCloses.length > 0, 'the gateway connection to close');
    expect(discord.gatewayCloses).toEqual([1000]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackAdapter, startSlackAdapter } from '../../../adapters/slack/index.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { holdNext } from '../../helpers/hold.js';
import {
  blockActionBody,
  newTriggerId,
  type SlackFake,
  type SocketModeFake,
  startSlackFake,
  startSocketModeFake,
} from '../../helpers/slack-fake/index.js';

const owner = 'UOWNER00001';

/** Socket Mode: the same handlers over Bolt's SocketModeReceiver, against a local WebSocket fake. */
describe('Slack adapter in Socket Mode', () => {
  let fake: SlackFake;
  let socket: SocketModeFake;
  let t: TestApp;
  let adapter: SlackAdapter;

  beforeAll(async () => {
    fake = await startSlackFake();
    socket = await startSocketModeFake(fake);
    t = await startTestApp({
      SLACK_BOT_TOKEN: 'xoxb-socket',
      SLACK_APP_TOKEN: 'xapp-1-socket-token',
      SLACK_API_URL: fake.apiUrl,
      OWNER_SLACK_IDS: owner,
      PROVIDER_TIMEOUT_MS: '20000',
    });
    adapter = await startSlackAdapter(t.app, t.dispatcher);
    await socket.connected();
  });
  afterAll(async () => {
    await adapter?.stop();
    await t?.close();
    await socket?.close();
    await fake?.close();
  });

  it('connects through SLACK_API_URL with the app-level token', () => {
    expect(adapter.mode).toBe('socket');
    const open = fake.calls.find((c) => c.method === 'apps.connections.open');
    expect(open?.token).toBe('xapp-1-socket-token');
  });

  it('acknowledges a slash command inside 3 s while the provider is slow, then replies privately', async () => {
    const listed = await t.run('customer list proxylite status:active');
    const user = (listed.data.customers as Array<{ username: string }>)[0]!.username;
    const release = holdNext(t.sim('proxylite'), 'POST /end-point/whitelist-account/change-password');
    try {
      const responseUrl = fake.responseUrl();
      const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
      const ack = await socket.send('slash_commands', {
        team_id: 'T0000TEST',
        channel_id: 'C0SHARED01',
        user_id: owner,
        user_name: 'owner',
        command: '/password',
        text: `reset proxylite ${user}`,
        api_app_id: 'A0TESTAPP1',
        response_url: responseUrl,
        trigger_id: newTriggerId(),
      });
      expect(ack.ms).toBeLessThan(3000);
      expect(ack.payload).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/Working/) });
      expect(fake.responses.filter((r) => r.id === id)).toEqual([]);
      release();
      const reply = await fake.waitFor(() => fake.responses.find((r) => r.id === id), 15_000);
      expect(reply.body.response_type).toBe('ephemeral');
      expect(JSON.stringify(reply.body)).toMatch(/Password reset/);
    } finally {
      release();
    }
  }, 25_000);

  it('answers Confirm pressed twice over the socket once, and deletes once', async () => {
    const username = 'sockdelete1';
    expect((await t.run(`customer create proxylite ${username}`)).error).toBeNull();
    const responseUrl = fake.responseUrl();
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    await socket.send('slash_commands', {
      team_id: 'T0000TEST',
      channel_id: 'C0SHARED01',
      user_id: owner,
      user_name: 'owner',
      command: '/customer',
      text: `delete proxylite ${username}`,
      api_app_id: 'A0TESTAPP1',
      response_url: responseUrl,
      trigger_id: newTriggerId(),
    });
    const question = await fake.waitFor(
      () => fake.responses.find((r) => r.id === id && JSON.stringify(r.body).includes('ro:confirm:')),
      15_000,
    );
    const actionId = /"(ro:confirm:[^"]+)"/.exec(JSON.stringify(question.body))?.[1];
    expect(actionId).toBeDefined();
    const deletes = () =>
      t.sim('proxylite').received.filter((r) => r.route === 'POST /end-point/whitelist-account/delete').length;
    const before = deletes();
    const press = () => {
      const form = blockActionBody({ actionId: actionId!, userId: owner, responseUrl: fake.responseUrl() });
      return JSON.parse(new URLSearchParams(form).get('payload') ?? '{}') as Record<string, unknown>;
    };
    const [first, second] = await Promise.all([
      socket.send('interactive', press()),
      socket.send('interactive', press()),
    ]);
    expect(first.ms).toBeLessThan(3000);
    expect(second.ms).toBeLessThan(3000);
    await fake.waitFor(() => deletes() > before || undefined, 15_000);
    await adapter.settled();
    expect(deletes() - before).toBe(1);
    expect((await t.run(`customer info proxylite ${username}`)).error?.code).toBe('not_found');
    // The result is public: the private question is closed, then the result is posted to the channel.
    const posted = fake.responses.filter((r) => JSON.stringify(r.body).includes('Customer deleted'));
    expect(posted.map((r) => r.body.response_type)).toEqual(['in_channel']);
  }, 30_000);
});

import { type SlackAdapter, startSlackAdapter } from '../../../adapters/slack/index.js';
import { commands } from '../../../commands/index.js';
import { type App, bootApp } from '../../../src/app/boot.js';
import { createDispatcher, type Dispatcher } from '../../../src/runtime/dispatch.js';
import { startTestApp, type TestApp } from '../app.js';
import { blockActionBody, newTriggerId, type PostResult, postSigned, slashCommandBody } from './requests.js';
import { type ResponsePost, type SlackFake, startSlackFake } from './server.js';

export const signingSecret = 'test-signing-secret-0123456789abcdef';
export const botToken = 'xoxb-test-0000-token';
export const owner = 'UOWNER00001';

export interface SlackHarness {
  t: TestApp;
  fake: SlackFake;
  adapter: SlackAdapter;
  /** Bolt's request URL on 127.0.0.1. */
  url: string;
  /** Sends `/command text` as `userId`; returns the ack and the response_url it used. */
  command(
    line: string,
    options?: {
      userId?: string;
      triggerId?: string;
      body?: string;
      retryNum?: number;
      badSignature?: boolean;
      /** x-slack-request-timestamp, signed (default now). */
      timestamp?: number;
    },
  ): Promise<PostResult & { responseUrl: string; responseId: string; body: string }>;
  /** Presses a button (by its action_id) as `userId`. */
  press(
    actionId: string,
    options?: { userId?: string; triggerId?: string },
  ): Promise<PostResult & { responseId: string }>;
  /** Waits for the `n`-th (1-based) POST to one response_url. */
  response(responseId: string, n?: number, timeoutMs?: number): Promise<ResponsePost>;
  /** Stops the adapter, closes the store, boots a new app on the same data dir: a real restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The real app (sandbox), the fake Slack, and the real Bolt adapter in HTTP mode on 127.0.0.1. */
export async function startSlackHarness(env: Record<string, string> = {}): Promise<SlackHarness> {
  const fake = await startSlackFake();
  const slackEnv = {
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: fake.apiUrl,
    OWNER_SLACK_IDS: owner,
    ...env,
  };
  const t = await startTestApp(slackEnv);
  let current: { app: App; dispatcher: Dispatcher } = { app: t.app, dispatcher: t.dispatcher };
  let restarted: App | undefined;
  let adapter = await startSlackAdapter(current.app, current.dispatcher, { host: '127.0.0.1', port: 0 });
  const urlOf = (a: SlackAdapter) => `http://127.0.0.1:${a.port}/slack/events`;
  const idOf = (responseUrl: string) => responseUrl.slice(responseUrl.lastIndexOf('/') + 1);

  const h: SlackHarness = {
    t,
    fake,
    adapter,
    url: urlOf(adapter),
    async command(line, options = {}) {
      const [name = '', ...rest] = line.trim().split(' ');
      const responseUrl = fake.responseUrl();
      const body =
        options.body ??
        slashCommandBody({
          command: name,
          text: rest.join(' '),
          userId: options.userId ?? owner,
          responseUrl,
          triggerId: options.triggerId ?? newTriggerId(),
        });
      const sentUrl = options.body
        ? (new URLSearchParams(options.body).get('response_url') ?? responseUrl)
        : responseUrl;
      const result = await postSigned(h.url, signingSecret, body, {
        ...(options.retryNum ? { retryNum: options.retryNum } : {}),
        ...(options.badSignature ? { badSignature: true } : {}),
        ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
      });
      return { ...result, responseUrl: sentUrl, responseId: idOf(sentUrl), body };
    },
    async press(actionId, options = {}) {
      const responseUrl = fake.responseUrl();
      const body = blockActionBody({
        actionId,
        userId: options.userId ?? owner,
        responseUrl,
        ...(options.triggerId ? { triggerId: options.triggerId } : {}),
      });
      const result = await postSigned(h.url, signingSecret, body);
      return { ...result, responseId: idOf(responseUrl) };
    },
    response(responseId, n = 1, timeoutMs = 10_000) {
      return fake.waitFor(() => fake.responses.filter((r) => r.id === responseId)[n - 1], timeoutMs);
    },
    async restart() {
      await adapter.stop();
      await current.app.services.store.close();
      const sandboxEnv = t.app.sandbox?.env ?? {};
      const app = await bootApp({
        env: {
          LOG_LEVEL: 'silent',
          PROVIDER_TIMEOUT_MS: '1500',
          ...sandboxEnv,
          ...slackEnv,
          DATA_DIR: t.app.config.dataDir,
        },
      });
      restarted = app;
      current = { app, dispatcher: createDispatcher(app.services, commands) };
      adapter = await startSlackAdapter(app, current.dispatcher, { host: '127.0.0.1', port: 0 });
      h.adapter = adapter;
      h.url = urlOf(adapter);
    },
    async close() {
      await adapter.stop();
      await restarted?.close();
      await t.close();
      await fake.close();
    },
  };
  return h;
}

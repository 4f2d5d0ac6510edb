import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AllMiddlewareArgs,
  App as BoltApp,
  HTTPReceiver,
  type Receiver,
  type RespondFn,
  type SlackActionMiddlewareArgs,
  type SlackCommandMiddlewareArgs,
  type SlashCommand,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import type { App } from '../../src/app/boot.js';
import type { Config } from '../../src/config.js';
import type { Actor } from '../../src/kit/actor.js';
import type { Reply } from '../../src/kit/reply.js';
import type { Logger } from '../../src/logger.js';
import type { CommandContext } from '../../src/runtime/context.js';
import type { Dispatcher } from '../../src/runtime/dispatch.js';
import { AckFirst } from '../chat/ack-first.js';
import { InFlight } from '../chat/in-flight.js';
import { RecentIds } from '../chat/recent-ids.js';
import { approvalActionPattern, approvalListener } from './approvals.js';
import { filesNote, sendFilesByDm } from './files.js';
import { boltLogger } from './logger.js';
import { parseConfirmAction, renderReply, type SlackMessage, workingMessage } from './render.js';
import { refuseSkewedRequests } from './request-age.js';

export { buildSlackManifest, manifestOptionsFromFlags, slackManifestJson } from './manifest.js';
export { probeSlack } from './probe.js';

export type SlackSettings = NonNullable<Config['slack']>;

export interface SlackAdapterOptions {
  /** Defaults to `app.config.slack`. */
  slack?: SlackSettings;
  /** HTTP mode: where to listen; default all interfaces. Tests use 127.0.0.1. */
  host?: string;
  /** HTTP mode: overrides SLACK_PORT (0 picks a free port). */
  port?: number;
  /** Where Bolt receives requests in HTTP mode (default `/slack/events`, as the manifest says). */
  path?: string;
  /** How long stop() waits for commands already acknowledged to finish replying (default 15 s). */
  drainMs?: number;
}

export interface SlackAdapter {
  mode: 'http' | 'socket';
  /** HTTP mode: the port listened on. */
  port?: number;
  /** HTTP mode: the server Bolt listens with (benchmarks time requests on it). */
  server?: Server;
  /** Resolves once every request taken so far has been answered (tests wait on it). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export const slackEventsPath = '/slack/events';
/** How long a request id is remembered in this process: Slack retries within minutes. */
const redeliveryWindowMs = 15 * 60_000;

/** Slack escapes these three in command text; the text grammar wants them back. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error).slice(0, 200) };
  const e = error as Error & { code?: string; data?: { error?: string } };
  return { name: e.name, code: e.code, slackError: e.data?.error, message: e.message.slice(0, 300) };
}

/**
 * The Slack front end (Bolt). One handler per top-level command: ack first (an ephemeral
 * "working…", inside Slack's 3 s whatever the provider does), then the dispatcher, then the reply
 * through respond()/response_url as Block Kit, ephemeral when private. Files go to the user's DM.
 * Confirm/Cancel buttons are answered through the dispatcher (requester only, once, stored).
 */
export async function startSlackAdapter(
  app: App,
  dispatcher: Dispatcher,
  options: SlackAdapterOptions = {},
): Promise<SlackAdapter> {
  const slack = options.slack ?? app.config.slack;
  if (!slack)
    throw new Error('Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN.');
  const logger: Logger = app.logger.child({ platform: 'slack' });
  const blog = boltLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/` } : {}),
    // A DM upload that keeps failing is reported to the user; never retried for half an hour.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
  };
  // Bolt answers each request as its own HTTP response: acks cannot be counted ahead, so work waits
  // for a quiet moment instead.
  const acks = new AckFirst({ quietMs: 20, maxWaitMs: 1_000 });
  const socket = Boolean(slack.appToken);
  let receiver: Receiver;
  let httpReceiver: HTTPReceiver | undefined;
  if (socket) {
    receiver = new SocketModeReceiver({
      appToken: slack.appToken as string,
      logger: blog,
      // SLACK_API_URL also serves apps.connections.open, so a test or self-hosted server gets it all.
      installerOptions: { clientOptions: { ...clientOptions } },
    });
  } else {
    if (!slack.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required for Slack HTTP mode.');
    httpReceiver = new HTTPReceiver({
      signingSecret: slack.signingSecret,
      endpoints: options.path ?? slackEventsPath,
      logger: blog,
      // The ack is the HTTP response, sent as soon as ack() is called, before any work.
      processBeforeResponse: false,
    });
    const checked = refuseSkewedRequests(httpReceiver.requestListener, (skewSeconds) =>
      logger.warn({ skewSeconds }, 'refused a Slack request stamped more than 5 minutes from the clock'),
    );
    // Under a burst, requests still being read and verified count as acks to come: no command's work
    // starts in between them (it waits for them, or for the longest wait).
    httpReceiver.requestListener = (req, res) => {
      res.once('close', acks.arrived());
      checked(req, res);
    };
    receiver = httpReceiver;
  }
  const bolt = new BoltApp({
    token: slack.botToken,
    receiver,
    ...(socket ? { socketMode: true, appToken: slack.appToken } : {}),
    clientOptions,
    logger: blog,
    // auth.test runs once here, at start-up, never on the way to an ack.
    deferInitialization: true,
  });
  await bolt.init();

  /**
   * A redelivery (Slack retries, or another bot process on the same store got it too) is dropped:
   * one to this process is recognised before the ack; the store's claim, shared by every process,
   * is taken after the acks (disk work never delays an ack), before any work.
   */
  const firstTime = (id: string) => app.services.store.interactions.claim(`slack:${id}`);
  const seenHere = new RecentIds(redeliveryWindowMs);
  /** Every request being handled, from its ack to its reply: stop() drains it, tests wait on it. */
  const inflight = new InFlight();
  /** Runs `work` once the acks have had their turn (see AckFirst); stop() waits for it. */
  const track = (work: () => Promise<void>) => {
    void inflight.track(
      acks
        .turn()
        .then(work)
        .catch((error) => logger.error(errorSummary(error), 'slack reply failed')),
    );
  };

  const contextFor = (actor: Actor, interactionId: string): CommandContext => ({
    actor,
    interactionId,
    confirmed: false,
    sandbox: Boolean(app.sandbox),
    services: app.services,
    now: () => new Date(),
  });

  /** Files first (to the DM), then the message that says where they went. */
  async function deliver(out: Reply, userId: string, respond: RespondFn, extra: Partial<SlackMessage> = {}) {
    let note: string | undefined;
    if (out.files.length > 0) {
      let delivered = false;
      try {
        await sendFilesByDm(bolt.client, userId, out.files, `Files for: ${out.title}`);
        delivered = true;
      } catch (error) {
        logger.warn(errorSummary(error), 'could not send files by DM');
      }
      note = filesNote(out.files, delivered);
    }
    await respond({ ...renderReply(out, note ? { filesNote: note } : {}), ...extra });
  }

  /** A Bolt listener counted in flight from its first line, so `settled()` covers it before its ack. */
  const tracked =
    <A>(listener: (args: A) => Promise<void>) =>
    (args: A) =>
      inflight.track(listener(args));

  // One listener for every command: Bolt passes each request through the middleware of every
  // listener registered, so a listener per command made each slash command's way to its ack that
  // many times longer (and its garbage with it).
  const specs = new Map(dispatcher.commands.map((spec) => [`/${spec.name}`, spec]));
  const ourCommands = new RegExp(
    `^(?:${[...specs.keys()].map((name) => name.replace(/[^\w/-]/g, '\\$&')).join('|')})$`,
  );
  bolt.command(
    ourCommands,
    tracked<SlackCommandMiddlewareArgs & AllMiddlewareArgs>(async ({ command, ack, respond }) => {
      const body = command as SlashCommand;
      const spec = specs.get(body.command);
      if (!spec) return;
      // A redelivery of a request already taken here: acknowledge it and do nothing more.
      if (body.trigger_id && !seenHere.add(`command:${body.trigger_id}`)) {
        await ack();
        return;
      }
      await acks.ack(() => ack(workingMessage(spec.name)));
      track(async () => {
        if (body.trigger_id && !(await firstTime(`command:${body.trigger_id}`))) return;
        const actor = await dispatcher.actor('slack', body.user_id, body.user_name);
        const ctx = contextFor(actor, `slack:${body.trigger_id}`);
        const out = await dispatcher.runArguments(spec, unescapeSlack(body.text ?? ''), ctx);
        await deliver(out, body.user_id, respond);
      });
    }),
  );

  bolt.action(
    /^ro:(confirm|cancel):/,
    tracked<SlackActionMiddlewareArgs & AllMiddlewareArgs>(async ({ ack, body, action, respond }) => {
      await acks.ack(() => ack());
      if (body.type !== 'block_actions' || !('action_id' in action)) return;
      const parsed = parseConfirmAction(action.action_id);
      if (!parsed) return;
      const pressId = body.trigger_id ?? `${body.user.id}:${'action_ts' in action ? action.action_ts : ''}`;
      if (!(await firstTime(`action:${pressId}`))) return;
      track(async () => {
        const actor = await dispatcher.actor('slack', body.user.id, body.user.name ?? body.user.username);
        const out = await dispatcher.answer(parsed.id, parsed.confirm, contextFor(actor, `slack:action:${pressId}`));
        // Someone else pressed, or it was answered already: the question stays, the presser is told privately.
        if (out.pressed === 'refused') {
          await deliver(out, body.user.id, respond, { response_type: 'ephemeral', replace_original: false });
          return;
        }
        if (out.visibility === 'private') {
          await deliver(out, body.user.id, respond, { response_type: 'ephemeral', replace_original: true });
          return;
        }
        // An ephemeral question cannot become a channel message: close it, then post the result.
        await respond({
          response_type: 'ephemeral',
          replace_original: true,
          text: parsed.confirm ? 'Confirmed.' : 'Answered.',
          blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: '✔ Confirmed; the result is below.' }] }],
        });
        await deliver(out, body.user.id, respond, { response_type: 'in_channel', replace_original: false });
      });
    }),
  );

  bolt.action(
    approvalActionPattern,
    tracked(approvalListener({ dispatcher, ack: (send) => acks.ack(send), firstTime, track, contextFor, deliver })),
  );

  bolt.error(async (error) => {
    // Platform errors (expired response_url, rate limits, network) are logged; the process carries on.
    logger.error(errorSummary(error), 'slack error');
  });

  let port: number | undefined;
  let server: Server | undefined;
  if (httpReceiver) {
    server = (await httpReceiver.start({
      port: options.port ?? slack.port,
      ...(options.host ? { host: options.host } : {}),
    })) as Server;
    server.on('error', (error) => logger.error(errorSummary(error), 'slack http server error'));
    server.on('clientError', (_error, sock) => sock.destroy());
    port = (server.address() as AddressInfo).port;
    logger.info({ port, path: options.path ?? slackEventsPath }, 'slack adapter listening (HTTP mode)');
  } else {
    await receiver.start();
    logger.info('slack adapter connected (Socket Mode)');
  }

  let stopped = false;
  return {
    mode: socket ? 'socket' : 'http',
    ...(port !== undefined ? { port } : {}),
    ...(server ? { server } : {}),
    settled: () => inflight.settled(),
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await receiver.stop();
      } catch (error) {
        logger.warn(errorSummary(error), 'slack receiver did not stop cleanly');
      }
      await Promise.race([inflight.settled(), new Promise((r) => setTimeout(r, options.drainMs ?? 15_000).unref())]);
    },
  };
}

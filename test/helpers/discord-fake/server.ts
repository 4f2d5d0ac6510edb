import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { refusedAutocompleteAnswer } from './autocomplete-answer.js';
import { botUser, identityAnswer } from './identity.js';

/**
 * A minimal Discord on 127.0.0.1 for the real discord.js client: the REST routes the adapter uses
 * (gateway info, interaction callbacks, webhook edits and followups, command PUTs, channel messages,
 * DM channels, the bot's own user and application)
 * and a gateway WebSocket that speaks HELLO / IDENTIFY / READY / heartbeats and dispatches
 * INTERACTION_CREATE. Like Discord, an interaction can be acknowledged once (40060 after that) and
 * only within its window (10062 after `ackWindowMs`); an autocomplete answer that breaks Discord's
 * choice limits is refused (50035).
 */

export interface FakeRequest {
  method: string;
  /** Path after `/api/v10`, without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** JSON body, or `payload_json` of a multipart body. */
  body: unknown;
  files: { field: string; name: string; contentType: string; bytes: number }[];
  /** `performance.now()` when the request arrived. */
  at: number;
}

export interface SentInteraction {
  id: string;
  token: string;
  /** `performance.now()` when it was dispatched on the gateway. */
  sentAt: number;
}

export interface FakeUser {
  id: string;
  username?: string;
  roles?: string[];
}

export interface CommandOption {
  name: string;
  /** Discord option type (3 string, 4 integer, 5 boolean, 9 mentionable, 10 number). */
  type: number;
  value: string | number | boolean;
  focused?: boolean;
}

type Override = (req: FakeRequest) => { status: number; body?: unknown; headers?: Record<string, string> } | undefined;

const snowflake = () =>
  ((BigInt(Date.now() - 1420070400000) << 22n) | BigInt(Math.floor(Math.random() * 4_000_000))).toString();

export class DiscordFake {
  readonly applicationId = '900000000000000001';
  readonly guildId = '900000000000000002';
  readonly channelId = '900000000000000003';
  readonly token = 'fake-bot-token';
  readonly requests: FakeRequest[] = [];
  readonly identifies: unknown[] = [];
  /** How long after dispatch an interaction may still be acknowledged (Discord: 3 s). */
  ackWindowMs = 3_000;
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly interactions = new Map<string, SentInteraction & { acked: boolean }>();
  private overrides: Override[] = [];
  /** DM channels the bot opened (POST /users/@me/channels), by user id. */
  readonly dmChannels = new Map<string, string>();
  private seq = 0;
  private port = 0;
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  private constructor() {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(error), code: 0 }));
      });
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/gateway' });
    this.wss.on('connection', (socket) => this.onSocket(socket));
  }

  static async start(): Promise<DiscordFake> {
    const fake = new DiscordFake();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What DISCORD_API_URL is set to. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** The close code of every gateway connection that ended (1000: the client said goodbye; 1006: it vanished). */
  readonly gatewayCloses: number[] = [];

  /** Identified gateway sessions. */
  get sessions(): number {
    return [...this.sockets].filter((s) => (s as WebSocket & { identified?: boolean }).identified).length;
  }

  /** Answers matching requests differently (errors, rate limits); the first that returns wins. */
  override(fn: Override): void {
    this.overrides.push(fn);
  }

  clearOverrides(): void {
    this.overrides = [];
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- gateway -------------------------------------------------------------------------------

  private onSocket(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', (code) => {
      this.sockets.delete(socket);
      this.gatewayCloses.push(code);
      this.notify();
    });
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (msg.op === 1) socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (msg.op === 2) {
        this.identifies.push(msg.d);
        (socket as WebSocket & { identified?: boolean }).identified = true;
        this.sendDispatch(socket, 'READY', {
          v: 10,
          user: botUser(this.applicationId),
          guilds: [],
          session_id: randomBytes(8).toString('hex'),
          resume_gateway_url: this.gatewayUrl,
          application: { id: this.applicationId, flags: 0 },
          shard: [0, 1],
        });
        this.notify();
      }
    });
  }

  private sendDispatch(socket: WebSocket, t: string, d: unknown): void {
    socket.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
  }

  private dispatch(t: string, d: unknown): void {
    for (const s of this.sockets)
      if ((s as WebSocket & { identified?: boolean }).identified) this.sendDispatch(s, t, d);
  }

  /** Resolves once a client has identified. */
  async waitForSession(timeoutMs = 10_000): Promise<void> {
    await this.waitUntil(() => this.sessions > 0, timeoutMs, 'no gateway session');
  }

  private member(user: FakeUser) {
    return {
      user: {
        id: user.id,
        username: user.username ?? `user${user.id.slice(-4)}`,
        discriminator: '0',
        avatar: null,
        global_name: null,
      },
      roles: user.roles ?? [],
      permissions: '0',
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      pending: false,
    };
  }

  private base(type: number, user: FakeUser, id = snowflake()) {
    const token = `itoken-${randomBytes(12).toString('hex')}`;
    return {
      id,
      token,
      payload: {
        id,
        application_id: this.applicationId,
        type,
        token,
        version: 1,
        guild_id: this.guildId,
        channel_id: this.channelId,
        channel: { id: this.channelId, type: 0, guild_id: this.guildId, name: 'ops' },
        member: this.member(user),
        locale: 'en-US',
        guild_locale: 'en-US',
        app_permissions: '0',
        entitlements: [],
        authorizing_integration_owners: { '0': this.guildId },
        context: 0,
      } as Record<string, unknown>,
    };
  }

  private send(id: string, token: string, payload: Record<string, unknown>): SentInteraction {
    const sent = { id, token, sentAt: performance.now(), acked: false };
    this.interactions.set(token, sent);
    this.lastPayloads.set(id, payload);
    this.dispatch('INTERACTION_CREATE', payload);
    return { id, token, sentAt: sent.sentAt };
  }

  /** A slash command, e.g. `command(user, 'customer', ['create'], [{name:'provider',type:3,value:'proxylite'}])`. */
  command(
    user: FakeUser,
    name: string,
    path: string[],
    options: CommandOption[] = [],
    extra: { id?: string; resolved?: Record<string, unknown>; autocomplete?: boolean } = {},
  ): SentInteraction {
    const b = this.base(extra.autocomplete ? 4 : 2, user, extra.id);
    let opts: unknown[] = options;
    for (const sub of [...path].reverse()) {
      opts = [{ name: sub, type: sub === path[path.length - 1] ? 1 : 2, options: opts }];
    }
    b.payload.data = {
      id: '900000000000000100',
      name,
      type: 1,
      options: opts,
      ...(extra.resolved ? { resolved: extra.resolved } : {}),
    };
    return this.send(b.id, b.token, b.payload);
  }

  /** Sends the same INTERACTION_CREATE again, verbatim (a gateway redelivery). */
  replay(sent: SentInteraction): SentInteraction {
    const payload = this.lastPayloads.get(sent.id);
    if (!payload) throw new Error('unknown interaction');
    this.dispatch('INTERACTION_CREATE', payload);
    return sent;
  }

  private readonly lastPayloads = new Map<string, Record<string, unknown>>();
  /** Requests per interaction token, so that looking them up stays cheap under a burst. */
  private readonly byToken = new Map<string, FakeRequest[]>();

  /** A button press on a message the bot sent (`message`: the payload that carried the button). */
  button(user: FakeUser, customId: string, message: { id?: string; flags?: number } = {}): SentInteraction {
    const b = this.base(3, user);
    b.payload.data = { custom_id: customId, component_type: 2 };
    b.payload.message = {
      id: message.id ?? snowflake(),
      channel_id: this.channelId,
      type: 0,
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      author: { id: this.applicationId, username: 'resellerops', discriminator: '0', bot: true, avatar: null },
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: message.flags ?? 64,
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
    };
    return this.send(b.id, b.token, b.payload);
  }

  // ---- REST ----------------------------------------------------------------------------------

  /** Requests that belong to one interaction (its callback and its webhook calls). */
  requestsFor(sent: SentInteraction): FakeRequest[] {
    return this.byToken.get(sent.token) ?? [];
  }

  /** Whether the interaction's callback was taken (a refused one, e.g. an invalid autocomplete answer, was not). */
  acknowledged(sent: SentInteraction): boolean {
    return this.interactions.get(sent.token)?.acked ?? false;
  }

  callbacks(sent: SentInteraction): FakeRequest[] {
    return this.requestsFor(sent).filter((r) => r.path.endsWith('/callback'));
  }

  /** Messages sent for an interaction: the edited original and followups, in order. */
  messages(sent: SentInteraction): FakeRequest[] {
    return this.requestsFor(sent).filter(
      (r) => (r.method === 'PATCH' || r.method === 'POST') && r.path.startsWith('/webhooks/'),
    );
  }

  async waitUntil(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    if (check()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`discord fake: timed out waiting for ${what}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push({ check, resolve: done });
    });
  }

  private notify(): void {
    const ready = this.waiters.filter((w) => w.check());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const contentType = String(req.headers['content-type'] ?? '');
    let body: unknown;
    const files: FakeRequest['files'] = [];
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      for (const [field, value] of form.entries()) {
        if (field === 'payload_json') body = JSON.parse(String(value));
        else if (typeof value !== 'string') {
          files.push({ field, name: value.name, contentType: value.type, bytes: value.size });
        }
      }
    } else if (raw.length > 0) {
      body = JSON.parse(raw.toString('utf8'));
    }
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      files,
      at,
    };
    this.requests.push(request);
    const token = /^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(path)?.[1];
    if (token) {
      const list = this.byToken.get(token) ?? [];
      list.push(request);
      this.byToken.set(token, list);
    }
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      if (payload === undefined) {
        res.writeHead(status, headers);
        res.end();
      } else {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      }
      this.notify();
    };
    for (const o of this.overrides) {
      const answer = o(request);
      if (answer) return send(answer.status, answer.body, answer.headers);
    }
    if (req.headers.authorization !== undefined && req.headers.authorization !== `Bot ${this.token}`) {
      return send(401, { message: '401: Unauthorized', code: 0 });
    }
    if (request.method === 'GET' && path === '/gateway/bot') {
      return send(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (callback && request.method === 'POST') {
      const sent = this.interactions.get(callback[2] as string);
      if (!sent || performance.now() - sent.sentAt > this.ackWindowMs) {
        return send(404, { message: 'Unknown interaction', code: 10062 });
      }
      if (sent.acked) return send(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      const refused = refusedAutocompleteAnswer(body);
      if (refused) return send(400, refused);
      sent.acked = true;
      return send(204);
    }
    const webhook = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/([^/]+))?$/.exec(path);
    if (webhook) {
      const sent = this.interactions.get(webhook[2] as string);
      if (!sent?.acked) return send(404, { message: 'Unknown Webhook', code: 10015 });
      if (request.method === 'DELETE') return send(204);
      return send(
        200,
        this.message(body, webhook[4] === '@original' || !webhook[4] ? snowflake() : (webhook[4] as string)),
      );
    }
    const commandsRoute = /^\/applications\/(\d+)(\/guilds\/(\d+))?\/commands$/.exec(path);
    if (commandsRoute && request.method === 'PUT') {
      const list = (body as Record<string, unknown>[]).map((c) => ({
        ...c,
        id: snowflake(),
        application_id: this.applicationId,
        version: snowflake(),
        ...(commandsRoute[3] ? { guild_id: commandsRoute[3] } : {}),
      }));
      return send(200, list);
    }
    const identity = identityAnswer(request.method, path, this.applicationId);
    if (identity) return send(identity.status, identity.body);
    if (request.method === 'POST' && path === '/users/@me/channels') {
      const recipient = String((body as { recipient_id?: unknown } | undefined)?.recipient_id ?? '');
      const id = this.dmChannels.get(recipient) ?? snowflake();
      this.dmChannels.set(recipient, id);
      return send(200, { id, type: 1, recipients: [{ id: recipient, username: 'customer', discriminator: '0' }] });
    }
    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (channelMessages && request.method === 'POST') {
      return send(200, { ...this.message(body, snowflake()), channel_id: channelMessages[1] });
    }
    return send(404, { message: '404: Not Found', code: 0 });
  }

  private message(body: unknown, id: string) {
    const b = (body ?? {}) as Record<string, unknown>;
    return {
      id,
      channel_id: this.channelId,
      type: 0,
      content: b.content ?? '',
      embeds: b.embeds ?? [],
      components: b.components ?? [],
      attachments: [],
      author: { id: this.applicationId, username: 'resellerops', discriminator: '0', bot: true, avatar: null },
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: b.flags ?? 0,
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
    };
  }
}

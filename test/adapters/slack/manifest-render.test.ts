import { describe, expect, it } from 'vitest';
import { buildSlackManifest, manifestOptionsFromFlags, slackManifestJson } from '../../../adapters/slack/manifest.js';
import { escapeMrkdwn, parseConfirmAction, renderReply } from '../../../adapters/slack/render.js';
import { commands } from '../../../commands/index.js';
import { reply } from '../../../src/kit/reply.js';

type Manifest = {
  features: {
    slash_commands: Array<{
      command: string;
      description: string;
      usage_hint?: string;
      url?: string;
      should_escape: boolean;
    }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url?: string }; socket_mode_enabled: boolean };
};

describe('Slack app manifest', () => {
  it('lists every top-level command with its description and a usage hint', () => {
    const m = buildSlackManifest(commands, { socketMode: true }) as unknown as Manifest;
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    for (const [i, c] of m.features.slash_commands.entries()) {
      expect(c.description).toBe(commands[i]?.description);
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.should_escape).toBe(true);
    }
    const customer = m.features.slash_commands.find((c) => c.command === '/customer');
    expect(customer?.usage_hint).toMatch(/^create \| info \| list/);
    const help = m.features.slash_commands.find((c) => c.command === '/help');
    expect(help?.usage_hint).toBe('[command]');
  });

  it('asks for the bot scopes the adapter uses, and turns interactivity on', () => {
    const m = buildSlackManifest(commands, { socketMode: true }) as unknown as Manifest;
    expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'files:write', 'im:write']);
    expect(m.settings.interactivity.is_enabled).toBe(true);
  });

  it('in Socket Mode names no URL; in HTTP mode every command and interactivity use the request URL', () => {
    const socket = buildSlackManifest(commands, { socketMode: true }) as unknown as Manifest;
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.settings.interactivity.request_url).toBeUndefined();
    expect(socket.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
    const url = 'https://bot.example.com/slack/events';
    const http = buildSlackManifest(commands, { socketMode: false, requestUrl: url }) as unknown as Manifest;
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.settings.interactivity.request_url).toBe(url);
    expect(http.features.slash_commands.every((c) => c.url === url)).toBe(true);
  });

  it('takes Socket Mode from --socket or no flag, HTTP mode from --url, and refuses both or a non-https URL', () => {
    const url = 'https://bot.example.com/slack/events';
    expect(manifestOptionsFromFlags({})).toEqual({ socketMode: true });
    expect(manifestOptionsFromFlags({ socket: true })).toEqual({ socketMode: true });
    expect(manifestOptionsFromFlags({ url })).toEqual({ socketMode: false, requestUrl: url });
    expect(() => manifestOptionsFromFlags({ socket: true, url })).toThrow(/--socket .* or --url URL .*not both/);
    expect(() => manifestOptionsFromFlags({ url: 'http://bot.example.com/slack/events' })).toThrow(
      /--url must be your public https URL/,
    );
    expect(() => manifestOptionsFromFlags({ url: 'bot.example.com' })).toThrow(/got "bot.example.com"/);
  });

  it('refuses an https URL that does not end in /slack/events, the one path the bot answers on', () => {
    for (const url of ['https://bot.example.com', 'https://bot.example.com/slack', 'https://bot.example.com/events']) {
      expect(() => manifestOptionsFromFlags({ url })).toThrow(
        /--url must end in \/slack\/events.*https:\/\/bot\.example\.com\/slack\/events/,
      );
    }
    const behindPrefix = 'https://example.com/resellerops/slack/events';
    expect(manifestOptionsFromFlags({ url: behindPrefix })).toEqual({ socketMode: false, requestUrl: behindPrefix });
  });

  it('prints as JSON that parses back to the same manifest', () => {
    const options = { socketMode: false, requestUrl: 'https://x.example/slack/events' };
    expect(JSON.parse(slackManifestJson(commands, options))).toEqual(buildSlackManifest(commands, options));
  });
});

describe('Block Kit rendering', () => {
  it('makes private replies ephemeral and public ones in_channel', () => {
    expect(renderReply(reply({ title: 'x', visibility: 'private' })).response_type).toBe('ephemeral');
    expect(renderReply(reply({ title: 'x', visibility: 'public' })).response_type).toBe('in_channel');
  });

  it('cuts a reply with 600 fields and long text to Slack’s 50 blocks, keeping the buttons', () => {
    const fields = Array.from({ length: 600 }, (_, i) => ({ label: `f${i}`, value: 'v'.repeat(3000) }));
    const out = renderReply(
      reply({
        title: 't'.repeat(400),
        text: 'line\n'.repeat(5000),
        fields,
        confirmation: { kind: 'paid', prompt: 'p', id: 'abc' },
      }),
    );
    expect(out.blocks.length).toBe(50);
    expect(out.blocks.some((b) => b.type === 'actions')).toBe(true);
    for (const b of out.blocks) {
      const text = (b.text as { text?: string } | undefined)?.text ?? '';
      expect(text.length).toBeLessThanOrEqual(b.type === 'header' ? 150 : 3000);
      for (const f of (b.fields ?? []) as Array<{ text: string }>) expect(f.text.length).toBeLessThanOrEqual(2000);
      expect(((b.fields ?? []) as unknown[]).length).toBeLessThanOrEqual(10);
    }
    expect(out.text.length).toBeLessThanOrEqual(3000);
  });

  it('escapes text so nobody can ping a channel through a reply, but keeps user mentions', () => {
    expect(escapeMrkdwn('<!channel> a & b <@U12345|bob>')).toBe('&lt;!channel&gt; a &amp; b <@U12345|bob>');
  });

  it('styles Confirm by the kind of question, whatever its words', () => {
    const style = (kind: 'paid' | 'destructive', prompt: string) => {
      const out = renderReply(reply({ title: 'Confirm', confirmation: { kind, prompt, id: 'Q1' } }));
      const actions = out.blocks.find((b) => b.type === 'actions') as unknown as {
        elements: Array<{ style?: string }>;
      };
      return actions.elements[0]?.style;
    };
    expect(style('destructive', 'Delete bob on ProxyLite')).toBe('danger');
    expect(style('paid', 'This cannot be undone, and it costs money')).toBe('primary');
  });

  it('renders Confirm/Cancel with ids the action handler reads back', () => {
    const out = renderReply(
      reply({ title: 'Confirm', confirmation: { kind: 'destructive', prompt: 'This cannot be undone.', id: 'Q1' } }),
    );
    const actions = out.blocks.find((b) => b.type === 'actions') as unknown as {
      elements: Array<{ action_id: string; style?: string }>;
    };
    expect(actions.elements.map((e) => parseConfirmAction(e.action_id))).toEqual([
      { confirm: true, id: 'Q1' },
      { confirm: false, id: 'Q1' },
    ]);
    expect(actions.elements[0]?.style).toBe('danger');
  });
});

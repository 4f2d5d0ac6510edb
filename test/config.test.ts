import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configVariableNames, loadConfig } from '../src/config.js';
import { envSections, renderEnvExample } from '../src/env-docs.js';

describe('configuration', () => {
  it('starts with no providers and the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.providers).toEqual([]);
    expect(config.discord).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
    expect(config.providerTimeoutMs).toBe(15000);
  });

  it('enables a provider when its key is set, at the vendor base unless overridden', () => {
    const config = loadConfig({
      PROXYLITE_APP_KEY: 'k-123456',
      VPNRESELLERS_API_TOKEN: 't-123456',
      VPNRESELLERS_BASE_URL: 'http://127.0.0.1:9999/v4_1',
    });
    expect(config.providers.map((p) => [p.definition.id, p.settings.baseUrl])).toEqual([
      ['proxylite', 'https://api.proxylite.com'],
      ['vpnresellers', 'http://127.0.0.1:9999/v4_1'],
    ]);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PROXYLITE_APP_KEY: '', SLACK_PORT: '', DISCORD_TOKEN: ' ' }).providers).toEqual([]);
  });

  it('reports every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({
        SLACK_PORT: 'x',
        LOG_LEVEL: 'loud',
        DISCORD_TOKEN: 'abc',
        PROXYLITE_BASE_URL: 'ftp://nope',
        OWNER_SLACK_IDS: 'U1, bad id',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['SLACK_PORT', 'LOG_LEVEL', 'DISCORD_APPLICATION_ID', 'PROXYLITE_BASE_URL', 'OWNER_SLACK_IDS']) {
      expect(problems).toContain(name);
    }
  });

  it('refuses a Slack token of the wrong kind, naming the variable and the kind it is', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return '';
      } catch (error) {
        return (error as ConfigError).problems.join('\n');
      }
    };
    expect(problems({ SLACK_BOT_TOKEN: 'xapp-1-A1-123', SLACK_SIGNING_SECRET: 'secret-0123456789' })).toBe(
      'SLACK_BOT_TOKEN must be a bot token (OAuth & Permissions → Bot User OAuth Token), starting with xoxb-; ' +
        'this one starts with xapp-, an app-level token (Basic Information → App-Level Tokens)',
    );
    expect(problems({ SLACK_BOT_TOKEN: 'xoxp-123', SLACK_SIGNING_SECRET: 'secret-0123456789' })).toContain(
      'this one starts with xoxp-, a user token',
    );
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' })).toMatch(
      /^SLACK_APP_TOKEN must be an app-level token .* starting with xapp-; this one starts with xoxb-, a bot token/,
    );
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toBe('');
  });

  it('documents every variable it reads, and .env.example is up to date', () => {
    const documented = envSections().flatMap((s) => s.vars.map((v) => v.name));
    for (const name of configVariableNames()) expect(documented).toContain(name);
    expect(readFileSync(new URL('../.env.example', import.meta.url), 'utf8')).toBe(renderEnvExample());
  });

  it('keeps secrets out of .env.example', () => {
    const secrets = envSections().flatMap((s) => s.vars.filter((v) => v.secret).map((v) => v.name));
    const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    for (const name of secrets) expect(text).toMatch(new RegExp(`^${name}=$`, 'm'));
  });
});

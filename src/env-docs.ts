import { notifyEnvVars } from './notify/settings.js';
import type { EnvVar } from './providers/define.js';
import { providerDefinitions } from './providers/registry.js';

interface Section {
  title: string;
  note?: string;
  vars: readonly EnvVar[];
}

/** Every variable the bot reads, grouped as `.env.example` shows them. */
export function envSections(extra: Section[] = []): Section[] {
  return [
    {
      title: 'Core',
      vars: [
        {
          name: 'DATA_DIR',
          default: './data',
          description: 'Where the registry, audit log, journal and settings live (unless DATABASE_URL is set).',
        },
        {
          name: 'DATABASE_URL',
          secret: true,
          description:
            'PostgreSQL instead of DATA_DIR (postgres://user:password@host:5432/db); for several bot instances. The schema migrates itself on start.',
        },
        {
          name: 'LOG_LEVEL',
          default: 'info',
          description: 'fatal, error, warn, info, debug, trace or silent. Logs go to stderr.',
        },
        { name: 'OWNER_DISCORD_IDS', description: 'Comma-separated Discord user ids with the owner role.' },
        { name: 'OWNER_SLACK_IDS', description: 'Comma-separated Slack user ids (U…) with the owner role.' },
        {
          name: 'PROVIDER_TIMEOUT_MS',
          default: '15000',
          description: 'Per upstream request attempt; a provider that hangs becomes an error.',
        },
        {
          name: 'TIMEZONE',
          description:
            'Your time zone (e.g. Europe/Madrid), for "expires in 3 days" and dates; default: this machine’s (TZ).',
        },
      ],
    },
    {
      title: 'Discord',
      note: 'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to run the Discord adapter.',
      vars: [
        { name: 'DISCORD_TOKEN', secret: true, description: 'Bot token (Developer Portal → Bot → Reset Token).' },
        { name: 'DISCORD_APPLICATION_ID', description: 'Application id (Developer Portal → General Information).' },
        {
          name: 'DISCORD_GUILD_ID',
          description: 'Register commands in this server only (instant); global when empty.',
        },
        {
          name: 'DISCORD_API_URL',
          default: 'https://discord.com/api',
          description: 'REST base, for self-hosted or test servers.',
        },
      ],
    },
    {
      title: 'Slack',
      note: 'HTTP mode: SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET. Socket Mode: SLACK_BOT_TOKEN + SLACK_APP_TOKEN.',
      vars: [
        { name: 'SLACK_BOT_TOKEN', secret: true, description: 'Bot User OAuth Token (xoxb-…).' },
        {
          name: 'SLACK_SIGNING_SECRET',
          secret: true,
          description: 'Signing secret (Basic Information), for HTTP mode.',
        },
        {
          name: 'SLACK_APP_TOKEN',
          secret: true,
          description: 'App-level token (xapp-…) with connections:write, for Socket Mode.',
        },
        { name: 'SLACK_PORT', default: '3000', description: 'Port of the HTTP receiver (HTTP mode).' },
        { name: 'SLACK_API_URL', description: 'Web API base, for test servers (default Slack’s).' },
      ],
    },
    {
      title: 'Alerts',
      note: 'Set the channels from chat with /alerts channel set; rules with /alerts rule add.',
      vars: notifyEnvVars.map((v) => ({ ...v })),
    },
    ...extra,
    ...providerDefinitions.map((d) => ({
      title: d.displayName,
      note: `Enabled when ${d.keyVariable} is set.`,
      vars: d.env,
    })),
  ];
}

/** `.env.example`: names and documented defaults, never a secret value. */
export function renderEnvExample(sections: Section[] = envSections()): string {
  const out = [
    '# resellerops configuration. Copy to .env and fill in what you use; empty means unset.',
    '# Run `npx resellerops doctor` to check it. Defaults are shown commented out.',
    '',
  ];
  for (const section of sections) {
    out.push(`# ── ${section.title} ${'─'.repeat(Math.max(0, 60 - section.title.length))}`);
    if (section.note) out.push(`# ${section.note}`);
    for (const v of section.vars) {
      out.push(`# ${v.description}`);
      out.push(v.default !== undefined && !v.secret ? `# ${v.name}=${v.default}` : `${v.name}=`);
    }
    out.push('');
  }
  return out.join('\n');
}

import type { App } from '../../src/app/boot.js';
import { type Config, readDotEnv } from '../../src/config.js';
import { AppError } from '../../src/errors.js';
import { providerDefinitions } from '../../src/providers/registry.js';
import { unknownVariables } from '../../src/unknown-variables.js';

interface Row {
  check: string;
  status: 'ok' | 'FAIL' | 'WARN' | 'off';
  detail: string;
}

/** A live check of one chat platform: who the bot is, or what is wrong and which variable to fix. */
type Probe<T> = (settings: T) => Promise<{ ok: boolean; detail: string }>;

export interface DoctorOptions {
  /** The Discord and Slack adapters' checks of their tokens (src/app/doctor.ts passes them in). */
  probes: {
    discord: Probe<NonNullable<Config['discord']>>;
    slack: Probe<NonNullable<Config['slack']>>;
  };
  /** The variables as set, to find names resellerops does not read. Default: `.env` + the environment. */
  env?: Record<string, string | undefined>;
}

function table(rows: readonly Row[]): string {
  const w1 = Math.max(5, ...rows.map((r) => r.check.length));
  const w2 = 6;
  const head = `${'CHECK'.padEnd(w1)}  ${'STATUS'.padEnd(w2)}  DETAIL`;
  return [head, ...rows.map((r) => `${r.check.padEnd(w1)}  ${r.status.padEnd(w2)}  ${r.detail}`)].join('\n');
}

async function platformRow<T>(check: string, settings: T | undefined, probe: Probe<T>, unset: string): Promise<Row> {
  if (!settings) return { check, status: 'off', detail: unset };
  try {
    const result = await probe(settings);
    return { check, status: result.ok ? 'ok' : 'FAIL', detail: result.detail };
  } catch (error) {
    return { check, status: 'FAIL', detail: `check failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function providerRows(app: App): Promise<Row[]> {
  const configured = app.services.providers.list();
  const rows = await Promise.all(
    configured.map(async (provider): Promise<Row> => {
      const started = performance.now();
      try {
        await provider.ping();
        const ms = Math.round(performance.now() - started);
        return { check: provider.id, status: 'ok', detail: `authenticated read in ${ms} ms` };
      } catch (error) {
        const message = error instanceof AppError ? `${error.code}: ${error.message}` : 'unexpected error';
        return { check: provider.id, status: 'FAIL', detail: message };
      }
    }),
  );
  for (const definition of providerDefinitions) {
    if (!configured.some((p) => p.id === definition.id)) {
      rows.push({ check: definition.id, status: 'off', detail: `${definition.keyVariable} not set` });
    }
  }
  if (configured.length === 0) {
    rows.push({
      check: 'providers',
      status: 'WARN',
      detail: `none configured: set at least one of ${providerDefinitions.map((d) => d.keyVariable).join(', ')}`,
    });
  }
  return rows;
}

/** A chat platform that is set up with no owner on it: nobody there can grant roles or set alerts. */
function ownerRows(config: Config): Row[] {
  const rows: Row[] = [];
  const platforms = [
    ['discord', 'OWNER_DISCORD_IDS', 'Discord'],
    ['slack', 'OWNER_SLACK_IDS', 'Slack'],
  ] as const;
  for (const [platform, variable, name] of platforms) {
    if (config[platform] && config.owners[platform].length === 0) {
      rows.push({
        check: 'owners',
        status: 'WARN',
        detail: `${variable} is empty: nobody on ${name} can run /access or /alerts channel set`,
      });
    }
  }
  return rows;
}

/**
 * `resellerops doctor`: the configuration (already validated at boot), a live check of each chat
 * platform's tokens, one cheap authenticated read per configured provider, and warnings (no owner,
 * no provider, variables resellerops does not read). Returns the exit status: 1 when anything
 * configured failed; warnings alone leave it 0.
 */
export async function runDoctor(app: App, write: (text: string) => void, options: DoctorOptions): Promise<number> {
  const { config } = app;
  const rows: Row[] = [
    { check: 'configuration', status: 'ok', detail: 'every variable is valid' },
    { check: 'storage', status: 'ok', detail: `${app.services.store.backend}: ${app.services.store.location}` },
  ];
  const [discord, slack, providers] = await Promise.all([
    platformRow('discord', config.discord, options.probes.discord, 'DISCORD_TOKEN not set'),
    platformRow('slack', config.slack, options.probes.slack, 'SLACK_BOT_TOKEN not set'),
    providerRows(app),
  ]);
  rows.push(discord, slack, ...ownerRows(config), ...providers);
  for (const unknown of unknownVariables(options.env ?? { ...readDotEnv(), ...process.env })) {
    rows.push({
      check: 'variables',
      status: 'WARN',
      detail: `${unknown.name} is not read by resellerops${unknown.suggestion ? `; did you mean ${unknown.suggestion}?` : ''}`,
    });
  }
  write(table(rows));
  return rows.some((r) => r.status === 'FAIL') ? 1 : 0;
}

import type { App } from '../../src/app/boot.js';
import { AppError } from '../../src/errors.js';
import { providerModules } from '../../src/providers/registry.js';

interface Row {
  check: string;
  status: 'ok' | 'FAIL' | 'off';
  detail: string;
}

function table(rows: readonly Row[]): string {
  const w1 = Math.max(5, ...rows.map((r) => r.check.length));
  const w2 = 6;
  const head = `${'CHECK'.padEnd(w1)}  ${'STATUS'.padEnd(w2)}  DETAIL`;
  return [head, ...rows.map((r) => `${r.check.padEnd(w1)}  ${r.status.padEnd(w2)}  ${r.detail}`)].join('\n');
}

/**
 * `resellerops doctor`: the configuration (already validated at boot), then one cheap
 * authenticated read per configured provider. Returns the exit status: 1 when any check failed.
 */
export async function runDoctor(app: App, write: (text: string) => void): Promise<number> {
  const rows: Row[] = [{ check: 'configuration', status: 'ok', detail: 'every variable is valid' }];
  rows.push({ check: 'data dir', status: 'ok', detail: app.services.store.dataDir });
  const { discord, slack } = app.config;
  rows.push({
    check: 'discord',
    status: discord ? 'ok' : 'off',
    detail: discord
      ? `REST ${discord.apiUrl}${discord.guildId ? `, guild ${discord.guildId}` : ', global commands'}`
      : 'DISCORD_TOKEN not set',
  });
  rows.push({
    check: 'slack',
    status: slack ? 'ok' : 'off',
    detail: slack ? (slack.appToken ? 'Socket Mode' : `HTTP mode on port ${slack.port}`) : 'SLACK_BOT_TOKEN not set',
  });
  const configured = new Set(app.services.providers.list().map((p) => p.id));
  const checks = app.services.providers.list().map(async (provider): Promise<Row> => {
    const started = performance.now();
    try {
      await provider.ping();
      return {
        check: provider.id,
        status: 'ok',
        detail: `authenticated read in ${Math.round(performance.now() - started)} ms`,
      };
    } catch (error) {
      const message = error instanceof AppError ? `${error.code}: ${error.message}` : 'unexpected error';
      return { check: provider.id, status: 'FAIL', detail: message };
    }
  });
  rows.push(...(await Promise.all(checks)));
  for (const module of providerModules) {
    if (!configured.has(module.id)) {
      const key = module.env.find((v) => v.secret)?.name ?? `${module.id.toUpperCase()}_API_KEY`;
      rows.push({ check: module.id, status: 'off', detail: `${key} not set` });
    }
  }
  write(table(rows));
  return rows.some((r) => r.status === 'FAIL') ? 1 : 0;
}

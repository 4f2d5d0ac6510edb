import { type APIUser, DiscordAPIError, REST, type RESTGetAPIOAuth2CurrentApplicationResult, Routes } from 'discord.js';
import type { Config } from '../../src/config.js';

/** One line for `doctor`: who the bot is, or what is wrong and which variable to fix. */
export interface ProbeResult {
  ok: boolean;
  detail: string;
}

function unreachable(apiUrl: string, error: unknown): ProbeResult {
  const why =
    error instanceof DiscordAPIError
      ? `${error.status} ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  return { ok: false, detail: `Discord did not answer at ${apiUrl} (DISCORD_API_URL): ${why.slice(0, 200)}` };
}

/**
 * `doctor`'s Discord check, over REST only (no gateway session): the token with GET /users/@me, then
 * GET /oauth2/applications/@me, whose id must be DISCORD_APPLICATION_ID (commands are deployed under
 * it). Nothing is retried and nothing is changed.
 */
export async function probeDiscord(config: NonNullable<Config['discord']>, timeoutMs = 10_000): Promise<ProbeResult> {
  const rest = new REST({ api: config.apiUrl.replace(/\/+$/, ''), retries: 0, timeout: timeoutMs }).setToken(
    config.token,
  );
  let user: APIUser;
  let application: RESTGetAPIOAuth2CurrentApplicationResult;
  try {
    user = (await rest.get(Routes.user())) as APIUser;
    application = (await rest.get(Routes.oauth2CurrentApplication())) as RESTGetAPIOAuth2CurrentApplicationResult;
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 401) {
      return {
        ok: false,
        detail: 'DISCORD_TOKEN was refused (401): copy a new one from Developer Portal → Bot → Reset Token.',
      };
    }
    return unreachable(config.apiUrl, error);
  }
  if (application.id !== config.applicationId) {
    return {
      ok: false,
      detail: `DISCORD_APPLICATION_ID is ${config.applicationId}, but the token is the bot of application ${application.id} ("${application.name}"): set one of the two to match (Developer Portal → General Information).`,
    };
  }
  const where = config.guildId ? `commands in guild ${config.guildId}` : 'global commands';
  return { ok: true, detail: `bot ${user.username} (application ${application.id}), ${where}` };
}

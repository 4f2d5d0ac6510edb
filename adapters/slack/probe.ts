import { webApi } from '@slack/bolt';
import type { Config } from '../../src/config.js';

/** One line for `doctor`: who the bot is, or what is wrong and which variable to fix. */
export interface ProbeResult {
  ok: boolean;
  detail: string;
}

/** Web API answers that mean the token itself is bad, not Slack or the network. */
const refusedToken = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'not_allowed_token_type',
]);

function failure(variable: string, apiUrl: string, error: unknown): ProbeResult {
  const e = error as { code?: string; data?: { error?: string }; message?: string };
  if (e?.code === webApi.ErrorCode.PlatformError) {
    const what = e.data?.error ?? 'unknown_error';
    return {
      ok: false,
      detail: refusedToken.has(what)
        ? `${variable} was refused (${what}): copy it again from api.slack.com/apps.`
        : `Slack answered ${what} for ${variable}.`,
    };
  }
  return { ok: false, detail: `Slack did not answer at ${apiUrl}: ${String(e?.message ?? error).slice(0, 200)}` };
}

/**
 * `doctor`'s Slack check: auth.test with SLACK_BOT_TOKEN and, in Socket Mode, apps.connections.open
 * with SLACK_APP_TOKEN (it only hands out a URL; nothing connects). The token kinds (xoxb-, xapp-)
 * are checked with the configuration. Nothing is retried and nothing is changed.
 */
export async function probeSlack(slack: NonNullable<Config['slack']>, timeoutMs = 10_000): Promise<ProbeResult> {
  const apiUrl = slack.apiUrl ? (slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/`) : undefined;
  const client = (token: string) =>
    new webApi.WebClient(token, {
      ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: timeoutMs,
      logLevel: webApi.LogLevel.ERROR,
    });
  const where = apiUrl ?? 'https://slack.com/api/';
  let auth: webApi.AuthTestResponse;
  try {
    auth = await client(slack.botToken).auth.test();
  } catch (error) {
    return failure('SLACK_BOT_TOKEN', where, error);
  }
  if (slack.appToken) {
    try {
      await client(slack.appToken).apps.connections.open();
    } catch (error) {
      return failure('SLACK_APP_TOKEN', where, error);
    }
  }
  const mode = slack.appToken ? 'Socket Mode' : `HTTP mode on port ${slack.port}`;
  return { ok: true, detail: `bot @${auth.user ?? auth.user_id} in ${auth.team ?? auth.team_id}, ${mode}` };
}

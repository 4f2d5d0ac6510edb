import { AppError } from '../../src/errors.js';
import { type CommandSpec, isGroup, leaves } from '../../src/runtime/command.js';
import { usageLine } from '../../src/runtime/usage.js';
import { cut, slackLimits } from './limits.js';

export interface SlackManifestOptions {
  /** HTTP mode: the public URL Slack posts to, ending in /slack/events. Ignored in Socket Mode. */
  requestUrl?: string;
  socketMode: boolean;
  /** The app's name in Slack (default `resellerops`). */
  name?: string;
}

/**
 * What the bot needs: slash commands, replies and alerts, and files sent by DM. User names come with
 * each request, so no users:read.
 */
export const slackBotScopes = ['commands', 'chat:write', 'files:write', 'im:write'] as const;

export const placeholderRequestUrl = 'https://YOUR-HOST/slack/events';

/**
 * `resellerops slack manifest` flags: `--socket` for Socket Mode, `--url URL` for HTTP mode, neither
 * for Socket Mode (it needs no public URL; the app is created before any token exists, so none can
 * tell). Both at once, or a URL that is not https or does not end in /slack/events, is a usage error.
 */
export function manifestOptionsFromFlags(flags: { socket?: boolean; url?: string | undefined }): SlackManifestOptions {
  if (flags.socket && flags.url !== undefined) {
    throw new AppError('invalid_input', 'Choose one: --socket (Socket Mode) or --url URL (HTTP mode), not both.');
  }
  if (flags.url === undefined) return { socketMode: true };
  let url: URL | undefined;
  try {
    url = new URL(flags.url);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:') {
    throw new AppError(
      'invalid_input',
      `--url must be your public https URL, e.g. https://bot.example.com/slack/events; got "${flags.url.slice(0, 64)}".`,
    );
  }
  // The bot answers on this path only; a proxy in front may add a prefix before it.
  if (!url.pathname.endsWith('/slack/events')) {
    throw new AppError(
      'invalid_input',
      `--url must end in /slack/events, the path the bot answers on: ${url.origin}/slack/events, not "${flags.url.slice(0, 64)}".`,
    );
  }
  return { socketMode: false, requestUrl: flags.url };
}

interface ManifestSlashCommand {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
  url?: string;
}

/** The hint Slack shows after the command name: subcommands for a group, arguments for a leaf. */
export function usageHint(command: CommandSpec): string {
  if (isGroup(command)) {
    const subs = command.subcommands.map((s) => s.name).join(' | ');
    return cut(`${subs} … (/help ${command.name})`, slackLimits.usageHint);
  }
  const [only] = leaves(command);
  const line = only ? usageLine(only).replace(`/${command.name}`, '').trim() : '';
  return cut(line, slackLimits.usageHint);
}

/**
 * The Slack app manifest (JSON, which Slack's "Create app from manifest" accepts as well as YAML):
 * every top-level command with its description and usage hint, the bot scopes, interactivity for
 * the Confirm/Cancel buttons, and either Socket Mode or the HTTP request URL.
 */
export function buildSlackManifest(
  commands: readonly CommandSpec[],
  options: SlackManifestOptions,
): Record<string, unknown> {
  const name = options.name ?? 'resellerops';
  const url = options.socketMode ? undefined : (options.requestUrl ?? placeholderRequestUrl);
  const slashCommands: ManifestSlashCommand[] = commands.map((command) => {
    const hint = usageHint(command);
    return {
      command: `/${command.name}`,
      description: cut(command.description, slackLimits.commandDescription),
      ...(hint ? { usage_hint: hint } : {}),
      // Escaped, so that a mention arrives as <@U123|name> and /access can tell who is meant.
      should_escape: true,
      ...(url ? { url } : {}),
    };
  });
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Proxy and VPN reseller operations: customers, balances, configs, usage.',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      slash_commands: slashCommands,
    },
    oauth_config: { scopes: { bot: [...slackBotScopes] } },
    settings: {
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode,
      token_rotation_enabled: false,
    },
  };
}

/** `resellerops slack manifest`: the manifest as pretty JSON, ready to paste. */
export function slackManifestJson(commands: readonly CommandSpec[], options: SlackManifestOptions): string {
  return `${JSON.stringify(buildSlackManifest(commands, options), null, 2)}\n`;
}

import { DiscordAPIError, HTTPError } from 'discord.js';

/** Discord error codes the adapter expects now and then and survives. */
export const knownCodes = {
  unknownInteraction: 10062,
  alreadyAcknowledged: 40060,
  unknownWebhook: 10015,
  unknownMessage: 10008,
  unknownChannel: 10003,
  missingAccess: 50001,
  missingPermissions: 50013,
  unknownUser: 10013,
  cannotMessageUser: 50007,
} as const;

export function discordCode(error: unknown): number | string | undefined {
  return error instanceof DiscordAPIError ? error.code : undefined;
}

/** 10062 (too late, or unknown) and 40060 (someone already answered): the interaction is not ours to answer. */
export function isLostInteraction(error: unknown): boolean {
  const code = discordCode(error);
  return code === knownCodes.unknownInteraction || code === knownCodes.alreadyAcknowledged;
}

/** The interaction token in a webhook or callback URL: whoever holds it can answer as the bot for 15 minutes. */
const interactionToken = /(\/(?:webhooks|interactions)\/\d+\/)[^/?]+/;

/**
 * What of an error goes to the log. A failed Discord request carries its request body (a reply's
 * password, a config file's bytes) and its URL (an interaction token): only what says what failed
 * is kept. Any other error is logged as it is.
 */
export function loggableError(error: unknown): unknown {
  if (!(error instanceof DiscordAPIError || error instanceof HTTPError)) return error;
  return {
    type: error.name,
    message: error.message.slice(0, 500),
    ...(error instanceof DiscordAPIError ? { code: error.code } : {}),
    status: error.status,
    method: error.method,
    url: error.url.replace(interactionToken, '$1***'),
  };
}

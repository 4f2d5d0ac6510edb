import { DiscordAPIError } from 'discord.js';

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

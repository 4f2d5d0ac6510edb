import { UserInputError } from '../errors.js';
import type { Platform } from '../kit/actor.js';

/** Someone (or, on Discord, a server role) a role can be granted to. */
export interface Grantee {
  platform: 'discord' | 'slack';
  kind: 'user' | 'discord-role';
  id: string;
}

const forms = [
  { re: /^<@!?(\d{5,25})>$/, kind: 'user', platform: 'discord' },
  { re: /^<@&(\d{5,25})>$/, kind: 'discord-role', platform: 'discord' },
  { re: /^<@([UW][A-Z0-9]{2,20})(?:\|[^>]*)?>$/, kind: 'user', platform: 'slack' },
  { re: /^discord:(\d{5,25})$/i, kind: 'user', platform: 'discord' },
  { re: /^discord-role:(\d{5,25})$/i, kind: 'discord-role', platform: 'discord' },
  { re: /^slack:([UW][A-Z0-9]{2,20})$/i, kind: 'user', platform: 'slack' },
] as const;

/**
 * Reads `<@123>`, `<@&123>` (Discord role), `<@U123|name>` (Slack), or the explicit
 * `discord:ID`, `discord-role:ID`, `slack:ID` that the terminal needs. A bare id counts for the
 * platform the command comes from.
 */
export function parseGrantee(text: string, from: Platform): Grantee {
  const value = text.trim();
  for (const form of forms) {
    const m = form.re.exec(value);
    if (m)
      return {
        platform: form.platform,
        kind: form.kind,
        id: form.platform === 'slack' ? (m[1] as string).toUpperCase() : (m[1] as string),
      };
  }
  if (from === 'discord' && /^\d{5,25}$/.test(value)) return { platform: 'discord', kind: 'user', id: value };
  if (from === 'slack' && /^[UW][A-Z0-9]{2,20}$/.test(value)) return { platform: 'slack', kind: 'user', id: value };
  const digits = /^discord(?:-role)?:(\d+)$/i.exec(value)?.[1];
  throw new UserInputError(`"${value.slice(0, 40)}" is not a user I can recognise.`, {
    hint:
      digits === undefined
        ? 'Mention them (@name), or write discord:ID, discord-role:ID or slack:ID.'
        : `A Discord id has 17 to 20 digits (Developer Mode, then Copy User ID); ${digits.slice(0, 30)} has ${digits.length}.`,
  });
}

export function describeGrantee(g: Grantee): string {
  if (g.platform === 'discord') return g.kind === 'discord-role' ? `<@&${g.id}>` : `<@${g.id}>`;
  return `<@${g.id}>`;
}

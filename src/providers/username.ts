import { UserInputError } from '../errors.js';
import type { UsernameRule } from './types.js';

/** The bot's own rule (docs/commands.md#usernames): letters, digits, `_`, `-`, `.` (not `..`), at most 64 characters. */
const baseRule = /^[A-Za-z0-9_.-]{1,64}$/;

export function checkUsername(username: string, providerName?: string, rule?: UsernameRule): string {
  if (!baseRule.test(username) || username.includes('..') || username === '.') {
    throw new UserInputError(
      `"${username.slice(0, 80)}" is not a valid username: use 1–64 letters, digits, "_", "-" or "." (no "..").`,
    );
  }
  if (rule && !rule.pattern.test(username)) {
    throw new UserInputError(`Usernames on ${providerName ?? 'this provider'} must be ${rule.description}.`);
  }
  return username;
}

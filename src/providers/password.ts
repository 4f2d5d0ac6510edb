import { randomInt } from 'node:crypto';
import { UserInputError } from '../errors.js';
import type { CapabilityDeclaration } from './declarations.js';
import type { CapabilitySpec } from './define-implementation.js';
import type { PasswordCapability } from './types.js';

const letters = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const digits = '23456789';

/**
 * Letters and digits only (the strictest vendor rule, ProxyLite's), look-alike characters left out,
 * and at least one of each so that vendors demanding a digit accept it.
 */
export function generatePassword(length = 16): string {
  const alphabet = letters + digits;
  const chars = [letters[randomInt(letters.length)], digits[randomInt(digits.length)]];
  while (chars.length < length) chars.push(alphabet[randomInt(alphabet.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

/** Who picks a new password: the vendor itself, or the bot by the vendor's rule. */
export type PasswordPicker = { vendor: string } | { length: number; check(password: string): string };

/** What a provider's passwords.ts does once the new password is settled (undefined: the vendor picks it). */
interface Reset<P> {
  reset(username: string, password: P): Promise<{ password: string }>;
}

/**
 * The password capability as index.ts declares it. Who picks the new password (the folder's rules.ts
 * says it once, for this and for passwordsSpec) gives the summary the README and /help show, and
 * `vendorGenerates`; `constants` adds the vendor's caveats (a notice, a delay).
 */
export function passwordsDeclaration(
  picker: PasswordPicker,
  constants: { notice?: string; appliesWithinMs?: number } = {},
): CapabilityDeclaration<PasswordCapability> {
  const vendorPicks = 'vendor' in picker;
  return {
    summary: vendorPicks ? 'vendor generates' : 'bot generates',
    constants: { vendorGenerates: vendorPicks, ...constants },
  };
}

/**
 * The password capability as its file builds it. The password is settled before any request: where
 * the vendor picks it, one asked for is refused; where the bot does, the one asked for is checked by
 * the vendor's rule, or a fresh one of `length` characters is made.
 */
export function passwordsSpec<Ctx, P extends PasswordPicker>(
  picker: P,
  build: (ctx: Ctx) => Reset<P extends { vendor: string } ? undefined : string>,
): CapabilitySpec<Ctx, PasswordCapability> {
  const settle = (asked: string | undefined): string | undefined => {
    if (!('vendor' in picker)) return asked === undefined ? generatePassword(picker.length) : picker.check(asked);
    if (asked !== undefined) {
      throw new UserInputError(`${picker.vendor} generates the new password itself: leave password: out.`);
    }
    return undefined;
  };
  return {
    build(ctx) {
      const capability = build(ctx) as Reset<string | undefined>;
      return {
        async reset(username, asked) {
          return capability.reset(username, settle(asked));
        },
      };
    },
  };
}

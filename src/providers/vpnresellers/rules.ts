import { UserInputError } from '../../errors.js';

/** The vendor's documented rules, checked before any request; its simulator enforces the same ones. */

export const defaultCurrency = 'USD';
/** The vendor's default is 15 and it documents no maximum; 100 keeps a 10,000-account walk at 100 calls. */
export const defaultPageSize = 100;

/** "at least 6 characters" is all the docs say about passwords. */
export const minPasswordLength = 6;

/** 64 is our own ceiling, to keep a typo'd paste out. */
export function checkPassword(password: string): string {
  if (password.length < minPasswordLength || password.length > 64 || /[\s\u0000-\u001f\u007f]/.test(password)) {
    throw new UserInputError('VPNresellers passwords must be 6–64 characters with no spaces or control characters.');
  }
  return password;
}

/** The bot picks new passwords by the vendor's rule (passwordsSpec, passwordsDeclaration). */
export const passwordPicker = { length: 16, check: checkPassword };

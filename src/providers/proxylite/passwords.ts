import type { CapabilitySpec } from '../define.js';
import { generatePassword } from '../password.js';
import type { PasswordCapability } from '../types.js';
import { type Context, checkProxyLiteUsername, findAccount, paths } from './context.js';
import { checkPassword, generatedPasswordLength, propagationMs, propagationNotices } from './rules.js';

export const passwords: CapabilitySpec<Context, PasswordCapability> = {
  summary: 'bot generates',
  build: ({ client }) => ({
    vendorGenerates: false,
    notice: propagationNotices.password,
    appliesWithinMs: propagationMs,
    async reset(username, password) {
      const chosen = password === undefined ? generatePassword(generatedPasswordLength) : checkPassword(password);
      const account = await findAccount(client, checkProxyLiteUsername(username));
      await client.post(paths.changePassword, { account: account.username, password: chosen }, 'changing the password');
      return { password: chosen };
    },
  }),
};

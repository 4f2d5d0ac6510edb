import { passwordsSpec } from '../password.js';
import { type Context, checkProxyLiteUsername, findAccount, paths } from './context.js';
import { checkPassword, generatedPasswordLength, propagationMs, propagationNotices } from './rules.js';

export const passwords = passwordsSpec(
  { length: generatedPasswordLength, check: checkPassword },
  ({ client }: Context) => ({
    notice: propagationNotices.password,
    appliesWithinMs: propagationMs,
    async reset(username, password) {
      const account = await findAccount(client, checkProxyLiteUsername(username));
      await client.post(paths.changePassword, { account: account.username, password }, 'changing the password');
      return { password };
    },
  }),
);

import { passwordsSpec } from '../password.js';
import { type Context, checkProxyLiteUsername, findAccount, paths } from './context.js';
import { passwordPicker } from './rules.js';

export const passwords = passwordsSpec(passwordPicker, ({ client }: Context) => ({
  async reset(username, password) {
    const account = await findAccount(client, checkProxyLiteUsername(username));
    await client.post(paths.changePassword, { account: account.username, password }, 'changing the password');
    return { password };
  },
}));

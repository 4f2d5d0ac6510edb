import { passwordsSpec } from '../password.js';
import type { Context } from './context.js';
import { passwordPicker, vendorName } from './rules.js';
import { credentialsSchema } from './schema.js';

export const passwords = passwordsSpec(passwordPicker, ({ client }: Context) => ({
  async reset(username) {
    const answer = await client.call(
      {
        method: 'POST',
        path: '/customer/reset_password',
        query: { username: vendorName(username) },
        what: 'new password',
      },
      credentialsSchema,
    );
    return { password: answer.proxy_password };
  },
}));

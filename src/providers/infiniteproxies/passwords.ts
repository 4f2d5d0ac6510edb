import { UserInputError } from '../../errors.js';
import type { CapabilitySpec } from '../define.js';
import type { PasswordCapability } from '../types.js';
import type { Context } from './context.js';
import { vendorName } from './rules.js';
import { credentialsSchema } from './schema.js';

export const passwords: CapabilitySpec<Context, PasswordCapability> = {
  summary: 'vendor generates',
  build: ({ client }) => ({
    vendorGenerates: true,
    async reset(username, password) {
      const name = vendorName(username);
      if (password !== undefined) {
        throw new UserInputError('InfiniteProxies generates the new proxy password itself; leave out password:.');
      }
      const answer = await client.call(
        { method: 'POST', path: '/customer/reset_password', query: { username: name }, what: 'new password' },
        credentialsSchema,
      );
      return { password: answer.proxy_password };
    },
  }),
};

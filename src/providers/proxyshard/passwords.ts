import { ProviderError, UserInputError } from '../../errors.js';
import type { CapabilitySpec } from '../define.js';
import { urlPath } from '../http.js';
import type { PasswordCapability } from '../types.js';
import { checkUsername } from '../username.js';
import { PROVIDER } from './client.js';
import { type Context, fetchSubUser } from './context.js';
import { passwordChangeSchema } from './schema.js';

export const passwords: CapabilitySpec<Context, PasswordCapability> = {
  summary: 'vendor generates',
  build: ({ client, subUsers }) => ({
    vendorGenerates: true,
    async reset(username, password) {
      checkUsername(username, 'ProxyShard');
      if (password !== undefined) {
        throw new UserInputError('ProxyShard generates the new password itself: leave password: out.');
      }
      const record = await subUsers.read(username);
      const located = { userId: record.user.user_id, pool: record.pool };
      const body = await client.call(
        {
          method: 'POST',
          path: urlPath`/user/api/proxies/sub-user/${located.userId}/password`,
          query: { proxy_type: located.pool },
        },
        passwordChangeSchema,
        'password change',
      );
      const data = Array.isArray(body.data) ? body.data[0] : body.data;
      const fresh = body.proxy_password ?? data?.proxy_password;
      if (fresh) return { password: fresh };
      // The 1.0.0 spec returns no password here: the sub-user read shows the new one.
      const reread = await fetchSubUser(client, located);
      if (reread.user.proxy_password === record.user.proxy_password) {
        throw new ProviderError(
          PROVIDER,
          'bad_response',
          'ProxyShard accepted the password change but still shows the old password.',
        );
      }
      return { password: reread.user.proxy_password };
    },
  }),
};

import { ProviderError } from '../../errors.js';
import { urlPath } from '../http.js';
import { passwordsSpec } from '../password.js';
import { PROVIDER } from './client.js';
import { type Context, fetchSubUser } from './context.js';
import { passwordPicker } from './rules.js';
import { passwordChangeSchema } from './schema.js';

export const passwords = passwordsSpec(passwordPicker, ({ client, subUsers }: Context) => ({
  async reset(username) {
    // The read checks the username before any request.
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
}));

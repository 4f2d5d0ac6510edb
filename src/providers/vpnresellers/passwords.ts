import type { CapabilitySpec } from '../define.js';
import { urlPath } from '../http.js';
import { generatePassword } from '../password.js';
import type { PasswordCapability } from '../types.js';
import { checkUsername } from '../username.js';
import { expectSuccess, jsonHeaders } from './client.js';
import type { Context } from './context.js';
import { checkPassword } from './rules.js';

export const passwords: CapabilitySpec<Context, PasswordCapability> = {
  summary: 'bot generates',
  build: ({ client, directory }) => ({
    vendorGenerates: false,
    async reset(username, chosen) {
      checkUsername(username, 'VPNresellers');
      const password = chosen === undefined ? generatePassword(16) : checkPassword(chosen);
      const account = await directory.find(username);
      const response = await client.request({
        method: 'PUT',
        path: urlPath`/accounts/${account.id}/change_password`,
        body: { password },
        headers: jsonHeaders,
      });
      // Once the vendor says 2xx the password has changed; its body is not needed to hand it over.
      expectSuccess(response, true, `named ${account.username}`);
      return { password };
    },
  }),
};

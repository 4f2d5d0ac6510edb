import { urlPath } from '../http.js';
import { passwordsSpec } from '../password.js';
import { checkUsername } from '../username.js';
import { expectSuccess, jsonHeaders } from './client.js';
import type { Context } from './context.js';
import { passwordPicker } from './rules.js';

export const passwords = passwordsSpec(passwordPicker, ({ client, directory }: Context) => ({
  async reset(username, password) {
    const account = await directory.find(checkUsername(username, 'VPNresellers'));
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
}));

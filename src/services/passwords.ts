import { UserInputError } from '../errors.js';
import type { Provider } from '../providers/types.js';
import type { ChangeRunner } from './changes.js';
import type { RequestMeta } from './meta.js';
import type { ProviderDirectory } from './providers.js';

export class PasswordService {
  constructor(
    private readonly providers: ProviderDirectory,
    private readonly changes: ChangeRunner,
  ) {
    // Whether or not an unknown reset went through, another one is harmless once the first can no
    // longer land (the runner waits for that): it only issues a new password.
    changes.registerVerifier('password reset', async () => 'not_applied', {
      appliesWithinMs: (id) => this.providers.get(id).passwords?.appliesWithinMs,
    });
  }

  async reset(
    meta: RequestMeta,
    providerId: string,
    username: string,
    password?: string,
  ): Promise<{ provider: Provider; password?: string; replayed: boolean }> {
    const provider = this.providers.get(providerId);
    const cap = this.providers.capability(provider, 'passwords');
    const name = this.providers.username(provider, username);
    if (password !== undefined) {
      if (cap.vendorGenerates)
        throw new UserInputError(`${provider.displayName} chooses the new password itself; leave password: out.`);
      if (!/^[A-Za-z0-9]{6,64}$/.test(password)) {
        throw new UserInputError('password: must be 6–64 letters and digits.', {
          hint: 'Or leave it out and the bot generates a strong one.',
        });
      }
    }
    const outcome = await this.changes.run({
      ...meta,
      command: 'password reset',
      provider: provider.id,
      target: name,
      params: { chosenByUser: password !== undefined },
      apply: () => cap.reset(name, password),
      record: () => ({ reset: true }),
    });
    if (outcome.kind === 'replay') return { provider, replayed: true };
    return { provider, password: outcome.result.password, replayed: false };
  }
}

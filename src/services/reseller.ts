import { AppError, type ErrorCode } from '../errors.js';
import type { Provider, ResellerBalance } from '../providers/types.js';
import type { ProviderDirectory } from './providers.js';

export interface ReadFailure {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export type ResellerBalanceLine =
  | { provider: Provider; ok: true; balances: ResellerBalance[] }
  | { provider: Provider; ok: false; error: ReadFailure };

export class ResellerService {
  constructor(private readonly providers: ProviderDirectory) {}

  /** Every configured provider at once; one that fails becomes an error line, not a failed command. */
  async balances(providerId?: string): Promise<ResellerBalanceLine[]> {
    const targets = providerId
      ? [this.providers.get(providerId)]
      : this.providers.list().filter((p) => p.resellerBalance);
    if (providerId) this.providers.capability(targets[0] as Provider, 'resellerBalance');
    return Promise.all(
      targets.map(async (provider): Promise<ResellerBalanceLine> => {
        try {
          return { provider, ok: true, balances: await provider.resellerBalance!.get() };
        } catch (error) {
          if (!(error instanceof AppError))
            return { provider, ok: false, error: { code: 'internal', message: 'unexpected error' } };
          return {
            provider,
            ok: false,
            error: { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) },
          };
        }
      }),
    );
  }
}

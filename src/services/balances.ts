import { ProviderError } from '../errors.js';
import type { ProviderId } from '../providers/registry.js';
import type { BalanceCapability, Customer, DisplayUnit, Provider } from '../providers/types.js';
import type { ChangeRunner, Verdict } from './changes.js';
import type { RequestMeta } from './meta.js';
import type { ProviderDirectory } from './providers.js';
import { type AmountUnit, toCapabilityAmount } from './units.js';

export type Direction = 'add' | 'remove';

export interface BalanceChangeResult {
  provider: Provider;
  customer?: Customer;
  shownAmount: number;
  shownUnit: DisplayUnit;
  replayed: boolean;
}

/** The number the verifier compares: bytes left, or the expiry as epoch days. */
function measure(customer: Customer, unit: BalanceCapability['unit']): number | undefined {
  if (unit === 'days') return customer.expiresAt ? Math.floor(Date.parse(customer.expiresAt) / 86_400_000) : undefined;
  return customer.remainingBytes ?? customer.limitBytes ?? undefined;
}

export class BalanceService {
  constructor(
    private readonly providers: ProviderDirectory,
    private readonly changes: ChangeRunner,
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const direction of ['add', 'remove'] as const) {
      changes.registerVerifier(
        `balance ${direction}`,
        (params, id, target) => this.verify(direction, params, id, target),
        { appliesWithinMs: (id) => this.providers.get(id).balance?.appliesWithinMs },
      );
    }
  }

  private async verify(
    direction: Direction,
    params: Record<string, unknown>,
    id: ProviderId,
    target: string,
  ): Promise<Verdict> {
    const provider = this.providers.get(id);
    const before = params.before;
    const amount = params.amount;
    if (typeof before !== 'number' || typeof amount !== 'number' || !provider.balance) return 'unknown';
    const now = measure(await provider.customers!.get(target), provider.balance.unit);
    if (now === undefined) return 'unknown';
    // Days are added from the later of today and the current expiry (SPEC "Details settled").
    const from =
      provider.balance.unit === 'days' && direction === 'add'
        ? Math.max(before, Math.floor(this.now().getTime() / 86_400_000))
        : before;
    const expected = direction === 'add' ? from + amount : before - amount;
    if (now === expected) return 'applied';
    if (now === before) return 'not_applied';
    return 'unknown';
  }

  /** Everything that can be checked without a request; throws what the user must fix. */
  validate(direction: Direction, providerId: string, username: string, amount: number, unit: AmountUnit | undefined) {
    const provider = this.providers.get(providerId);
    const cap = this.providers.capability(provider, 'balance');
    const name = this.providers.username(provider, username);
    if (direction === 'remove' && !cap.remove) {
      throw new ProviderError(
        provider.id,
        'unsupported',
        `${provider.displayName} can only add balance, not remove it.`,
      );
    }
    const converted = toCapabilityAmount(amount, unit, cap, provider.displayName);
    return { provider, cap, name, converted };
  }

  async change(
    meta: RequestMeta,
    direction: Direction,
    providerId: string,
    username: string,
    amount: number,
    unit: AmountUnit | undefined,
  ): Promise<BalanceChangeResult> {
    const { provider, cap, name, converted } = this.validate(direction, providerId, username, amount, unit);
    // Read first: the reading lets a later reconciliation tell whether an unknown outcome applied.
    const before = measure(await this.providers.capability(provider, 'customers').get(name), cap.unit);
    const outcome = await this.changes.run({
      ...meta,
      command: `balance ${direction}`,
      provider: provider.id,
      target: name,
      params: { amount: converted.value, unit: cap.unit, ...(before !== undefined ? { before } : {}) },
      apply: () => (direction === 'add' ? cap.add(name, converted.value) : cap.remove!(name, converted.value)),
      record: (c) => ({
        remainingBytes: c.remainingBytes ?? null,
        limitBytes: c.limitBytes ?? null,
        expiresAt: c.expiresAt ?? null,
      }),
    });
    const base = { provider, shownAmount: converted.shownAmount, shownUnit: converted.shownUnit };
    if (outcome.kind === 'done') return { ...base, customer: outcome.result, replayed: false };
    return { ...base, customer: await provider.customers!.get(name), replayed: true };
  }
}

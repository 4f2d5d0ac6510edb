import { ProviderError } from '../errors.js';
import type { KnownProvider, ProviderId } from '../providers/registry.js';
import type { BalanceCapability, BalanceReading, Customer, DisplayUnit, Provider } from '../providers/types.js';
import type { ChangeRunner, Verdict } from './changes.js';
import type { RequestMeta } from './meta.js';
import type { ProviderDirectory } from './providers.js';
import { type AmountUnit, type CapabilityAmount, toCapabilityAmount } from './units.js';

export type Direction = 'add' | 'remove';

/** A balance change as the provider takes it, checked once before anything is asked or sent. */
export interface BalanceChange {
  direction: Direction;
  provider: KnownProvider;
  cap: BalanceCapability;
  /** Checked against the provider's own rule. */
  username: string;
  amount: CapabilityAmount;
}

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
    // Days are added from the later of today and the current expiry (docs/providers.md#vpnresellers).
    const from =
      provider.balance.unit === 'days' && direction === 'add'
        ? Math.max(before, Math.floor(this.now().getTime() / 86_400_000))
        : before;
    const expected = direction === 'add' ? from + amount : before - amount;
    if (now === expected) return 'applied';
    if (now === before) return 'not_applied';
    return 'unknown';
  }

  /**
   * Everything that can be checked without a request, once; throws what the user must fix. The
   * result is the change as the provider takes it (the amount in bytes or days), for `change`.
   */
  prepare(
    direction: Direction,
    providerId: string,
    username: string,
    amount: number,
    unit: AmountUnit | undefined,
  ): BalanceChange {
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
    return { direction, provider, cap, username: name, amount: converted };
  }

  async change(meta: RequestMeta, planned: BalanceChange): Promise<BalanceChangeResult> {
    const { direction, provider, cap, username, amount } = planned;
    const outcome = await this.changes.run<Customer, BalanceReading>({
      ...meta,
      command: `balance ${direction}`,
      provider: provider.id,
      target: username,
      // One read, in this account's turn: the verifier compares with it, and the change is written from it.
      read: () => cap.read(username),
      params: (reading) => {
        const before = measure(reading.customer, cap.unit);
        return { amount: amount.value, unit: cap.unit, ...(before !== undefined ? { before } : {}) };
      },
      apply: (reading) => (direction === 'add' ? reading.add(amount.value) : reading.remove!(amount.value)),
      record: (c) => ({
        remainingBytes: c.remainingBytes ?? null,
        limitBytes: c.limitBytes ?? null,
        expiresAt: c.expiresAt ?? null,
      }),
    });
    const base = { provider, shownAmount: amount.shownAmount, shownUnit: amount.shownUnit };
    if (outcome.kind === 'done') return { ...base, customer: outcome.result, replayed: false };
    return { ...base, customer: await provider.customers!.get(username), replayed: true };
  }
}

import { AppError, ProviderError, UserInputError } from '../errors.js';
import type { KnownProvider, ProviderId } from '../providers/registry.js';
import type { Customer, CustomerPage, CustomerStatus, CustomersCapability, Provider } from '../providers/types.js';
import type { Store } from '../storage/store.js';
import type { ChangeRunner, Verdict } from './changes.js';
import type { RequestMeta } from './meta.js';
import type { ProviderDirectory } from './providers.js';
import type { Suggestions } from './suggestions.js';
import { toCapabilityAmount } from './units.js';

export interface CreateRequest {
  provider: string;
  username: string;
  password?: string;
  /** In the provider's own unit, as `traffic:` on create (docs/commands.md#amounts-and-units). */
  traffic?: number;
  plan?: string;
  note?: string;
}

/** A create as the provider takes it, checked once before anything is asked or sent. */
export interface CreatePlan {
  req: CreateRequest;
  provider: KnownProvider;
  customers: CustomersCapability;
  /** Checked against the provider's own rule. */
  username: string;
  /** The starting traffic in bytes, checked against the vendor's minimum and steps. */
  trafficBytes: number | undefined;
}

export interface DeletePlan {
  provider: KnownProvider;
  customers: CustomersCapability;
  name: string;
}

export interface CreateResult {
  provider: Provider;
  customer: Customer;
  /** Shown once: absent on a replay, unless the answer that carried it never reached this user. */
  password?: string;
  replayed: boolean;
  /** What did not go as asked after the account was created (local records, the starting traffic). */
  warnings: string[];
}

async function exists(provider: Provider, username: string): Promise<boolean> {
  try {
    await provider.customers!.get(username);
    return true;
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'not_found') return false;
    throw error;
  }
}

export class CustomerService {
  constructor(
    private readonly providers: ProviderDirectory,
    private readonly changes: ChangeRunner,
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly suggestions?: Suggestions,
  ) {
    const byId = (id: ProviderId) => this.providers.get(id);
    const delay = (change: 'create' | 'enable' | 'disable' | 'delete') => ({
      appliesWithinMs: (id: ProviderId) => byId(id).customers?.appliesWithinMs?.[change],
    });
    changes.registerVerifier(
      'customer create',
      async (_p, id, target): Promise<Verdict> => ((await exists(byId(id), target)) ? 'applied' : 'not_applied'),
      {
        ...delay('create'),
        appliedHint:
          'The bot does not keep passwords: if its password never reached you, issue a new one with /password reset.',
      },
    );
    changes.registerVerifier(
      'customer delete',
      async (_p, id, target): Promise<Verdict> => ((await exists(byId(id), target)) ? 'not_applied' : 'applied'),
      delay('delete'),
    );
    for (const status of ['enable', 'disable'] as const) {
      changes.registerVerifier(
        `customer ${status}`,
        async (_p, id, target): Promise<Verdict> => {
          const customer = await byId(id).customers!.get(target);
          return customer.status === (status === 'enable' ? 'active' : 'disabled') ? 'applied' : 'not_applied';
        },
        delay(status),
      );
    }
  }

  /** Everything that can be checked without a request, once; throws what the user must fix. */
  prepareCreate(req: CreateRequest): CreatePlan {
    const provider = this.providers.get(req.provider);
    const customers = this.providers.capability(provider, 'customers');
    if (!customers.create) {
      throw new ProviderError(
        provider.id,
        'unsupported',
        `${provider.displayName} has no customer accounts to create.`,
        { hint: customers.noCreateHint },
      );
    }
    const username = this.providers.username(provider, req.username);
    if (req.password !== undefined && provider.passwords?.vendorGenerates) {
      throw new UserInputError(`${provider.displayName} chooses the password itself; leave password: out.`);
    }
    const trafficBytes = this.trafficBytes(provider, req.traffic);
    return { req, provider, customers, username, trafficBytes };
  }

  async create(meta: RequestMeta, plan: CreatePlan): Promise<CreateResult> {
    const { req, provider, customers, username, trafficBytes } = plan;
    const outcome = await this.changes.run({
      ...meta,
      command: 'customer create',
      provider: provider.id,
      target: username,
      params: {
        ...(trafficBytes !== undefined ? { trafficBytes } : {}),
        ...(req.plan ? { plan: req.plan } : {}),
        ...(req.note ? { note: req.note } : {}),
      },
      apply: () =>
        customers.create!({
          username,
          ...(req.password !== undefined ? { password: req.password } : {}),
          ...(trafficBytes !== undefined && customers.createTakesTraffic ? { trafficBytes } : {}),
          ...(req.plan ? { plan: req.plan } : {}),
          ...(req.note ? { note: req.note } : {}),
        }),
      record: (created) => ({ username: created.customer.username, status: created.customer.status }),
      secret: (created) => ({ password: created.password }),
    });
    if (outcome.kind === 'replay') {
      const customer = await customers.get(String(outcome.record.username ?? username));
      const password = outcome.secret?.password;
      this.changes.answered(outcome.operation, meta);
      return { provider, customer, replayed: true, ...(password ? { password } : {}), warnings: [] };
    }
    // The account exists at the vendor now: nothing below may keep its password from the user.
    const created = outcome.result;
    const unwritten = [...outcome.unwritten];
    await this.changes.recordLocally(
      'customer registry',
      () =>
        this.store.registry.upsert({
          provider: provider.id,
          username: created.customer.username,
          createdBy: {
            platform: meta.actor.platform,
            userId: meta.actor.userId,
            ...(meta.actor.name ? { name: meta.actor.name } : {}),
          },
          createdAt: this.now().toISOString(),
          ...(req.note ? { note: req.note } : {}),
        }),
      unwritten,
    );
    const warnings = [this.changes.unwrittenWarning(unwritten)].filter((w): w is string => w !== undefined);
    let customer = created.customer;
    if (trafficBytes !== undefined && !customers.createTakesTraffic && provider.balance) {
      try {
        customer = await this.addStartingTraffic(meta, provider, created.customer, trafficBytes);
      } catch (error) {
        const why = error instanceof AppError ? error.message : 'an internal error';
        warnings.push(`The starting traffic was not added (${why}); add it with /balance add.`);
      }
    }
    this.changes.answered(outcome.operation, meta);
    return { provider, customer, password: created.password, replayed: false, warnings };
  }

  /** The vendor sets traffic with a separate call: a second change, journaled on its own. */
  private async addStartingTraffic(meta: RequestMeta, provider: KnownProvider, created: Customer, bytes: number) {
    const topUp = await this.changes.run({
      ...meta,
      interactionId: `${meta.interactionId}:traffic`,
      command: 'balance add',
      provider: provider.id,
      target: created.username,
      params: { amount: bytes, unit: 'bytes' },
      apply: () => provider.balance!.add(created.username, bytes),
      record: (c) => ({ remainingBytes: c.remainingBytes ?? null, limitBytes: c.limitBytes ?? null }),
    });
    return topUp.kind === 'done' ? topUp.result : created;
  }

  private trafficBytes(provider: Provider, traffic: number | undefined): number | undefined {
    if (traffic === undefined) return undefined;
    const balance = provider.balance;
    if (balance?.unit !== 'bytes') {
      throw new UserInputError(`${provider.displayName} accounts have no traffic to set; leave traffic: out.`);
    }
    // The same rules as a top-up: the vendor's unit, minimum and steps.
    return toCapabilityAmount(traffic, undefined, balance, provider.displayName).value;
  }

  async info(providerId: string, username: string): Promise<{ provider: Provider; customer: Customer }> {
    const provider = this.providers.get(providerId);
    const customers = this.providers.capability(provider, 'customers');
    const customer = await customers.get(this.providers.username(provider, username));
    this.suggestions?.remember(provider.id, [customer.username]);
    return { provider, customer };
  }

  async list(
    providerId: string,
    query: { status?: CustomerStatus; page?: number },
  ): Promise<{ provider: Provider; page: CustomerPage }> {
    const provider = this.providers.get(providerId);
    const customers = this.providers.capability(provider, 'customers');
    const page = await customers.list({ ...query, page: query.page ?? 1 });
    this.suggestions?.remember(
      provider.id,
      page.customers.map((c) => c.username),
    );
    return { provider, page };
  }

  async setStatus(
    meta: RequestMeta,
    providerId: string,
    username: string,
    status: CustomerStatus,
  ): Promise<{ provider: Provider; customer: Customer; replayed: boolean }> {
    const provider = this.providers.get(providerId);
    const customers = this.providers.capability(provider, 'customers');
    const change = status === 'active' ? customers.enable : customers.disable;
    if (!change) {
      throw new ProviderError(
        provider.id,
        'unsupported',
        `${provider.displayName} cannot ${status === 'active' ? 'enable' : 'disable'} accounts.`,
      );
    }
    const name = this.providers.username(provider, username);
    const outcome = await this.changes.run({
      ...meta,
      command: status === 'active' ? 'customer enable' : 'customer disable',
      provider: provider.id,
      target: name,
      params: { status },
      apply: () => change.call(customers, name),
      record: (c) => ({ status: c.status }),
    });
    const customer = outcome.kind === 'done' ? outcome.result : await customers.get(name);
    return { provider, customer, replayed: outcome.kind === 'replay' };
  }

  /** Everything that can be checked without a request, once; throws what the user must fix. */
  prepareDelete(providerId: string, username: string): DeletePlan {
    const provider = this.providers.get(providerId);
    const customers = this.providers.capability(provider, 'customers');
    if (!customers.delete)
      throw new ProviderError(provider.id, 'unsupported', `${provider.displayName} cannot delete accounts.`);
    return { provider, customers, name: this.providers.username(provider, username) };
  }

  async delete(meta: RequestMeta, plan: DeletePlan): Promise<{ provider: Provider; replayed: boolean }> {
    const { provider, customers, name } = plan;
    const outcome = await this.changes.run({
      ...meta,
      command: 'customer delete',
      provider: provider.id,
      target: name,
      params: {},
      apply: () => customers.delete!(name),
      record: () => ({ deleted: true }),
    });
    await this.changes.recordLocally('customer registry', () => this.store.registry.remove(provider.id, name), []);
    return { provider, replayed: outcome.kind === 'replay' };
  }
}

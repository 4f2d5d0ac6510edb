import { AccessControl, type Owners } from '../access/access-control.js';
import type { Logger } from '../logger.js';
import { announceApproval } from '../notify/approval-message.js';
import type { Provider } from '../providers/types.js';
import { Confirmations } from '../runtime/confirmations.js';
import type { Store } from '../storage/store.js';
import { BalanceService } from './balances.js';
import { hostTimeZone } from './calendar.js';
import { ChangeRunner } from './changes.js';
import { ConfigService } from './configs.js';
import { CostService } from './costs.js';
import { CustomerSettingsService } from './customer-settings.js';
import { CustomerService } from './customers.js';
import { LinkService } from './links.js';
import { OrderCatalogs } from './order-catalogs.js';
import { OrderComparison } from './order-compare.js';
import { type SpendEvent, SpendService } from './order-spend.js';
import { OrderService } from './orders.js';
import { PasswordService } from './passwords.js';
import { ProviderDirectory } from './providers.js';
import { ResellerService } from './reseller.js';
import { SpendGuard } from './spend/guard.js';
import { Suggestions } from './suggestions.js';
import type { Services } from './types.js';
import { UsageService } from './usage.js';

export async function createServices(options: {
  providers: readonly Provider[];
  store: Store;
  logger: Logger;
  owners?: Owners;
  now?: () => Date;
  /** The providers' per-request timeout (PROVIDER_TIMEOUT_MS). */
  requestTimeoutMs?: number;
  /** Read when a date is first counted (see hostTimeZone); the machine's zone when absent. */
  timeZone?: string;
  /** Told of every purchase, renewal and bandwidth top-up that went through (the alerts channel). */
  onSpent?: (event: SpendEvent) => Promise<void>;
  /** How long a purchase waits for a second owner's approval (default 30 min). */
  approvalTtlMs?: number;
}): Promise<Services> {
  const now = options.now ?? (() => new Date());
  let zone: string | undefined;
  const timeZone = () => {
    zone ??= options.timeZone ?? hostTimeZone();
    return zone;
  };
  const providers = new ProviderDirectory(options.providers);
  const changes = new ChangeRunner(options.store, options.logger, {
    now,
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });
  const spendGuard = new SpendGuard(
    options.store,
    now,
    timeZone,
    async (request) => (await announceApproval(options.store, request, now())).map((t) => t.platform),
    options.approvalTtlMs,
  );
  const catalogs = new OrderCatalogs(providers, options.logger, now);
  const suggestions = new Suggestions(providers, options.store, options.logger, catalogs);
  return {
    providers,
    store: options.store,
    changes,
    customers: new CustomerService(providers, changes, options.store, now, suggestions),
    balances: new BalanceService(providers, changes, now),
    passwords: new PasswordService(providers, changes),
    configs: new ConfigService(providers),
    usage: new UsageService(providers),
    reseller: new ResellerService(providers),
    costs: new CostService(),
    orders: new OrderService(providers, catalogs, suggestions),
    spend: new SpendService(providers, changes, now, spendGuard, options.onSpent),
    compare: new OrderComparison(providers),
    suggestions,
    access: new AccessControl(options.store, options.owners ?? { discord: [], slack: [] }, now),
    links: new LinkService(providers, options.store, now),
    customerSettings: new CustomerSettingsService(options.store),
    confirmations: new Confirmations(options.store, { now }),
    spendGuard,
    logger: options.logger,
    get timeZone() {
      return timeZone();
    },
  };
}

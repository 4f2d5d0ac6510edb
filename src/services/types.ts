import type { AccessControl } from '../access/access-control.js';
import type { Logger } from '../logger.js';
import type { Confirmations } from '../runtime/confirmations.js';
import type { Store } from '../storage/store.js';
import type { BalanceService } from './balances.js';
import type { ChangeRunner } from './changes.js';
import type { ConfigService } from './configs.js';
import type { CostService } from './costs.js';
import type { CustomerSettingsService } from './customer-settings.js';
import type { CustomerService } from './customers.js';
import type { LinkService } from './links.js';
import type { OrderComparison } from './order-compare.js';
import type { SpendService } from './order-spend.js';
import type { OrderService } from './orders.js';
import type { PasswordService } from './passwords.js';
import type { ProviderDirectory } from './providers.js';
import type { ResellerService } from './reseller.js';
import type { SpendGuard } from './spend/guard.js';
import type { Suggestions } from './suggestions.js';
import type { UsageService } from './usage.js';

/** The business layer commands talk to; built once by the composition root. */
export interface Services {
  providers: ProviderDirectory;
  store: Store;
  changes: ChangeRunner;
  customers: CustomerService;
  balances: BalanceService;
  passwords: PasswordService;
  configs: ConfigService;
  usage: UsageService;
  reseller: ResellerService;
  costs: CostService;
  orders: OrderService;
  spend: SpendService;
  /** `/order compare`: the vendors' quotes side by side. */
  compare: OrderComparison;
  suggestions: Suggestions;
  access: AccessControl;
  /** Which chat users are customers of which accounts. */
  links: LinkService;
  customerSettings: CustomerSettingsService;
  confirmations: Confirmations;
  /** The owners' spending limit and second-owner approvals, between a paid change's quote and the vendor. */
  spendGuard: SpendGuard;
  logger: Logger;
  /** The reseller's time zone (TIMEZONE): replies count days in its calendar. */
  timeZone: string;
}

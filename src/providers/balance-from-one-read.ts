import type { BalanceCapability, BalanceReading, Customer } from './types.js';

export type BalanceDirection = 'add' | 'remove';

/** How a vendor's account is found and its balance changed, for `balanceFromOneRead`. */
export interface OneReadBalanceParts<Account> {
  /** Throws on a name the vendor would refuse, before any request. */
  checkUsername(username: string): void;
  /** Throws on an amount the vendor would refuse, before any request. */
  checkAmount(amount: number, direction: BalanceDirection): void;
  find(username: string): Promise<Account>;
  toCustomer(account: Account): Customer;
  /** Writes the change worked out from `account` as it was just read; returns the customer afterwards. */
  change(account: Account, amount: number, direction: BalanceDirection): Promise<Customer>;
}

/**
 * The read, add and remove of a balance that is written from one read of the account (the vendor has no
 * relative update, or addresses the account by an id the read finds). Name and amount are checked before
 * the account is looked up, so bad input costs no request.
 */
export function balanceFromOneRead<Account>(
  parts: OneReadBalanceParts<Account>,
): Required<Pick<BalanceCapability, 'read' | 'add' | 'remove'>> {
  const reading = (account: Account): BalanceReading => ({
    customer: parts.toCustomer(account),
    add: (amount) => parts.change(account, amount, 'add'),
    remove: (amount) => parts.change(account, amount, 'remove'),
  });
  const checkedFirst = async (username: string, amount: number, direction: BalanceDirection) => {
    parts.checkUsername(username);
    parts.checkAmount(amount, direction);
    return parts.change(await parts.find(username), amount, direction);
  };
  return {
    async read(username) {
      parts.checkUsername(username);
      return reading(await parts.find(username));
    },
    add: (username, amount) => checkedFirst(username, amount, 'add'),
    remove: (username, amount) => checkedFirst(username, amount, 'remove'),
  };
}

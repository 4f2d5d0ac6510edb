import { AppError } from '../errors.js';
import type { Amount, Cost, Provider } from '../providers/types.js';
import type { BalanceChange } from './balances.js';
import type { CreatePlan } from './customers.js';

/**
 * A cost the vendor cannot be asked for right now: the question says so rather than failing. An answer
 * that the request itself is wrong (no such account or order, a period the vendor does not sell) is the
 * reply instead: a Confirm for it could only fail.
 */
async function asked(provider: Provider, read: () => Promise<Cost>): Promise<Cost> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof AppError) || error.code === 'invalid_input' || error.code === 'not_found') throw error;
    return { known: false, reason: `${provider.displayName} could not be asked what this costs (${error.message}).` };
  }
}

const notSaid = (provider: Provider): Cost => ({
  known: false,
  reason: `${provider.displayName}'s API does not say what this costs.`,
});

function sameUnit(a: Amount, b: Amount): boolean {
  return a.kind === 'money' && b.kind === 'money'
    ? a.currency === b.currency
    : a.kind === 'traffic' && b.kind === 'traffic' && a.displayUnit === b.displayUnit;
}

function plus(a: Amount, b: Amount): Amount {
  if (a.kind === 'money' && b.kind === 'money') return { ...a, minor: a.minor + b.minor };
  if (a.kind === 'traffic' && b.kind === 'traffic') return { ...a, bytes: a.bytes + b.bytes };
  return a;
}

/** Two costs of one command as one: summed when both are known in the same unit, otherwise not known. */
export function combineCosts(first: Cost, second: Cost): Cost {
  if (!first.known) return first;
  if (!second.known) return second;
  if (!sameUnit(first.amount, second.amount)) {
    return { known: false, reason: 'It is paid in two different units; each is shown on its own line.' };
  }
  const after =
    first.balanceAfter && sameUnit(first.balanceAfter, second.amount)
      ? { balanceAfter: minus(first.balanceAfter, second.amount) }
      : {};
  return {
    known: true,
    amount: plus(first.amount, second.amount),
    ...(first.balance ? { balance: first.balance } : {}),
    ...after,
    ...(first.from ? { from: first.from } : {}),
    ...(first.note || second.note ? { note: [first.note, second.note].filter(Boolean).join(' ') } : {}),
  };
}

function minus(a: Amount, b: Amount): Amount {
  if (a.kind === 'money' && b.kind === 'money') return { ...a, minor: a.minor - b.minor };
  if (a.kind === 'traffic' && b.kind === 'traffic') return { ...a, bytes: a.bytes - b.bytes };
  return a;
}

/** What the paid changes outside `/order` cost, read from the vendor before the question (reads only). */
export class CostService {
  /** A balance add: the vendor's own figure where it has one (InfiniteProxies MB, ProxyShard GB, Youproxy extend). */
  balanceAdd(plan: BalanceChange): Promise<Cost> {
    const { provider, cap, username, amount } = plan;
    if (!cap.cost) return Promise.resolve(notSaid(provider));
    return asked(provider, () => cap.cost!(username, amount.value));
  }

  /** A new account where creating one costs money, plus its starting traffic when that is added afterwards. */
  async create(plan: CreatePlan): Promise<Cost | undefined> {
    const { provider, customers, trafficBytes, username } = plan;
    const account = customers.createCost ? await asked(provider, () => customers.createCost!(plan.req)) : undefined;
    if (trafficBytes === undefined || customers.createTakesTraffic || !provider.balance) return account;
    const balance = provider.balance;
    const traffic = balance.cost
      ? await asked(provider, () => balance.cost!(username, trafficBytes))
      : notSaid(provider);
    return account ? combineCosts(account, traffic) : traffic;
  }
}

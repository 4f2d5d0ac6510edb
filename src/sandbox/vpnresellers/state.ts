import { createHash } from 'node:crypto';
import type { SimPort, SimServerEntry } from './catalog.js';

export interface SimAccount {
  id: number;
  username: string;
  password: string;
  status: 'Active' | 'Disabled';
  wgIp: string;
  wgPrivateKey: string;
  wgPublicKey: string;
  /** 'Y-m-d', or null when the account renews automatically. */
  expiresOn: string | null;
  updated: string;
  created: string;
}

export interface VpnResellersState {
  accounts: Map<number, SimAccount>;
  nextId: number;
  /** The reseller balance in cents; `/profile` shows it as a decimal string. */
  balanceCents: number;
  /**
   * What creating an account costs (the first period). The docs list 402 "Insufficient Balance." but
   * no prices; this figure is the simulator's assumption.
   */
  accountPriceCents: number;
  /** Days of service a new account starts with (the simulator's assumption; the docs are silent). */
  newAccountDays: number;
  servers: SimServerEntry[];
  ports: SimPort[];
}

/** A WireGuard-shaped key (32 bytes, base64), the same for the same label every run. */
export function keyFor(label: string): string {
  return createHash('sha256').update(`vpnresellers-sim:${label}`).digest('base64');
}

export const DAY_MS = 86_400_000;
export const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Laravel's "Y-m-d H:i:s". */
export const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export function newAccount(
  state: VpnResellersState,
  fields: {
    username: string;
    password: string;
    status?: 'Active' | 'Disabled';
    expiresOn: string | null;
    createdMs: number;
  },
): SimAccount {
  const id = state.nextId++;
  const account: SimAccount = {
    id,
    username: fields.username,
    password: fields.password,
    status: fields.status ?? 'Active',
    wgIp: `10.250.${Math.floor(id / 250) % 250}.${(id % 250) + 2}`,
    wgPrivateKey: keyFor(`private-${id}-${fields.username}`),
    wgPublicKey: keyFor(`public-${id}-${fields.username}`),
    expiresOn: fields.expiresOn,
    updated: stamp(fields.createdMs),
    created: stamp(fields.createdMs),
  };
  state.accounts.set(id, account);
  return account;
}

/** The account as the API shows it: `expired_at` as midnight UTC with Laravel's microseconds. */
export function accountJson(account: SimAccount) {
  return {
    id: account.id,
    username: account.username,
    status: account.status,
    wg_ip: account.wgIp,
    wg_private_key: account.wgPrivateKey,
    wg_public_key: account.wgPublicKey,
    expired_at: account.expiresOn === null ? null : `${account.expiresOn}T00:00:00.000000Z`,
    updated: account.updated,
    created: account.created,
  };
}

/** Usernames are unique regardless of case, as a case-insensitive MySQL collation would make them. */
export function byUsername(state: VpnResellersState, username: string): SimAccount | undefined {
  const wanted = username.toLowerCase();
  for (const account of state.accounts.values()) if (account.username.toLowerCase() === wanted) return account;
  return undefined;
}

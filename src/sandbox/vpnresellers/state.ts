import { createHash } from 'node:crypto';
import { type SimPort, type SimServerEntry, seedPorts, seedServers } from './catalog.js';

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

const DAY_MS = 86_400_000;
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

/** username, password, status, expiry in days from today (null = auto-renewal), age in days. */
const seedRows: Array<[string, string, 'Active' | 'Disabled', number | null, number]> = [
  ['maria.garcia', 'Vq7pLm2xRt', 'Active', 120, 210],
  ['lukas_becker', 'Hn4wZs8kPe', 'Active', 45, 95],
  ['sofia-rossi', 'Bt6yQa3nMc', 'Active', 2, 28],
  ['james.oconnor', 'Kp9dWf5rLx', 'Disabled', 12, 160],
  ['aiko.tanaka', 'Rm3sXe7vGh', 'Active', null, 400],
  ['pedro_alves', 'Ty8cNb2jQw', 'Active', -5, 65],
  ['emma.dubois', 'Gz5hUk4pVr', 'Active', 30, 31],
  ['noah-kowalski', 'Wx2fLt9mSa', 'Active', 365, 20],
  ['olivia.jensen', 'Dc7gYp3kNz', 'Disabled', -40, 300],
  ['arjun.mehta', 'Fs4qMv8tBe', 'Active', 75, 140],
];

export interface SeedOptions {
  now: number;
  seed: boolean;
  extraCustomers: number;
}

export function createState(options: SeedOptions): VpnResellersState {
  const state: VpnResellersState = {
    accounts: new Map(),
    nextId: 10_431,
    balanceCents: 25_370,
    accountPriceCents: 150,
    newAccountDays: 30,
    servers: seedServers(keyFor),
    ports: seedPorts(),
  };
  const today = Math.floor(options.now / DAY_MS) * DAY_MS;
  for (const [username, password, status, days, age] of options.seed ? seedRows : []) {
    newAccount(state, {
      username,
      password,
      status,
      expiresOn: days === null ? null : ymd(today + days * DAY_MS),
      createdMs: options.now - age * DAY_MS - 3_723_000,
    });
  }
  for (let i = 1; i <= options.extraCustomers; i++) {
    newAccount(state, {
      username: `client${String(i).padStart(5, '0')}`,
      password: `Pw${String(i * 7919).padStart(8, '0')}`,
      status: i % 11 === 0 ? 'Disabled' : 'Active',
      expiresOn: i % 7 === 0 ? null : ymd(today + ((i % 90) + 1) * DAY_MS),
      createdMs: options.now - ((i % 365) + 1) * DAY_MS,
    });
  }
  return state;
}

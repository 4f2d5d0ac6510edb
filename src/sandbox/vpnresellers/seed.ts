import { seedPorts, seedServers } from './catalog.js';
import { DAY_MS, keyFor, newAccount, type VpnResellersState, ymd } from './state.js';

/** Seed data of the VPNresellers simulator: ten accounts in every state, servers and ports. */

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

import type { Pool } from '../../providers/proxyshard/rules.js';
import { randomString } from '../random.js';

/** State of the ProxyShard simulator: sub-users, residential pools, orders, wallet. */

export type SimPool = Pool;

/** A sub-user under the vendor's own field names, plus the pool it draws on (which the API leaves out). */
export interface SimSubUser {
  /** A string in the spec; 19 digits here so nothing may treat it as a JS number. */
  user_id: string;
  first_name: string;
  pool: SimPool;
  proxy_password: string;
  /** Allotted traffic, bytes (our reading of the spec's unit-less `data`). */
  data: number;
  /** Bytes spent. */
  data_spent: number;
}

/** Bytes the sub-user has left; never below zero, even when it spent past its allotment. */
export function remainingBytes(user: SimSubUser): number {
  return Math.max(0, user.data - user.data_spent);
}

export interface SimActiveProxy {
  ip: string;
  username: string;
  password: string;
  http_port: number;
  socks_port: number;
  until: string;
  status: string;
}

export type SimOrderStatus = 'active' | 'on-hold' | 'cancelled';

export interface SimOrder {
  order_id: number;
  product_id: number;
  product_name: string;
  cycle_id: number;
  cycle_name: string;
  quantity: number;
  /** cents */
  price_paid: number;
  status: SimOrderStatus;
  created_at: string;
  expires_at: string | null;
  auto_renewal: boolean | null;
  tag: string | null;
  location: string | null;
  promo_code?: string | null;
  proxies: SimActiveProxy[];
}

export interface ProxyShardState {
  email: string;
  /** cents */
  walletCents: number;
  /** The reseller's unallocated residential traffic per pool, bytes. */
  poolBytes: Record<SimPool, number>;
  subUsers: Map<string, SimSubUser>;
  orders: SimOrder[];
  /** IPs left per `product:location` (datacenter and ISP). */
  stock: Map<string, number>;
  nextUserSeq: number;
  random: () => number;
}

export function simPassword(state: ProxyShardState, length = 12): string {
  return randomString(state.random, length);
}

export function nextUserId(state: ProxyShardState): string {
  state.nextUserSeq += 1;
  return (7301245587120934401n + BigInt(state.nextUserSeq) * 7919n).toString();
}

export function addSubUser(
  state: ProxyShardState,
  name: string,
  pool: SimPool,
  dataBytes: number,
  spentBytes: number,
): SimSubUser {
  const user: SimSubUser = {
    user_id: nextUserId(state),
    first_name: name,
    pool,
    proxy_password: simPassword(state),
    data: dataBytes,
    data_spent: spentBytes,
  };
  state.subUsers.set(user.user_id, user);
  return user;
}

/** A sub-user as the API shows it: the record without its pool, and what is left. */
export function subUserJson(user: SimSubUser) {
  const { pool: _pool, ...shown } = user;
  return { ...shown, data_remain: remainingBytes(user) };
}

/** A datacenter or ISP order's proxies, one IP each on a subnet, all on the same two ports. */
export function buildProxies(state: ProxyShardState, orderId: number, count: number, subnet: string, until: string) {
  return Array.from({ length: count }, (_, i) => ({
    ip: `${subnet}.${11 + i}`,
    username: `ps${orderId}u${i + 1}`,
    password: simPassword(state, 10),
    http_port: 50100,
    socks_port: 50101,
    until,
    status: 'active',
  }));
}

import type { SimProxyType } from './catalog.js';

export interface SimIp {
  /** 19-digit ids, past 2^53: strings everywhere, BigInt only to count. */
  ipAddressId: string;
  ip: string;
  port: number;
  login?: string;
  password?: string;
  dateStart: Date;
  dateEnd: Date;
  autoExtend: boolean;
}

export interface SimOrder {
  orderId: string;
  orderNumber: string;
  proxyType: SimProxyType;
  country: string;
  authType: 'LOGIN' | 'IP';
  authIp?: string;
  /** IPv6 only: HTTP or SOCKS. */
  protocol?: 'HTTP' | 'SOCKS';
  goal: string;
  mobileOperator?: string;
  rotationTime?: number;
  ips: SimIp[];
}

export interface YouproxyState {
  /** The reseller's balance in USD cents; the API shows it as a float. */
  balanceCents: number;
  orders: Map<string, SimOrder>;
  /** Set to make every endpoint answer error code 3. */
  unavailable: boolean;
}

const dayMs = 86_400_000;
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * dayMs);

const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface IdSource {
  orderId(): string;
  ipAddressId(): string;
  orderNumber(): string;
  token(length: number): string;
  int(min: number, max: number): number;
}

export function createIdSource(random: () => number): IdSource {
  let nextOrder = 7340012345678901234n;
  let nextIp = 9120000000000000117n;
  let nextNumber = 118_204;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  return {
    orderId() {
      nextOrder += BigInt(int(1, 9999));
      return nextOrder.toString();
    },
    ipAddressId() {
      nextIp += BigInt(int(1, 97));
      return nextIp.toString();
    },
    orderNumber() {
      nextNumber += int(1, 40);
      return `NUMBER-${nextNumber}`;
    },
    token(length) {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[int(0, alphabet.length - 1)];
      return out;
    },
    int,
  };
}

/** Entry hosts per type: datacenter ranges for IPv4/IPv6 gateways, carrier-looking ones for mobile. */
const subnets: Record<SimProxyType, string> = {
  IPv4: '185.193',
  IPv6: '45.147',
  MOBILE: '172.58',
  ISP: '104.244',
};

export interface NewOrder extends Omit<SimOrder, 'orderId' | 'orderNumber' | 'ips'> {
  quantity: number;
  dateStart: Date;
  dateEnd: Date;
}

export function buildOrder(ids: IdSource, input: NewOrder): SimOrder {
  const { quantity, dateStart, dateEnd, ...rest } = input;
  const basePort = input.proxyType === 'IPv6' ? ids.int(20, 40) * 1000 : input.protocol === 'SOCKS' ? 1080 : 8000;
  const third = ids.int(10, 250);
  const ips: SimIp[] = Array.from({ length: quantity }, (_, i) => {
    // IPv6 proxies share one IPv4 entry host, told apart by port.
    const shared = input.proxyType === 'IPv6';
    return {
      ipAddressId: ids.ipAddressId(),
      ip: `${subnets[input.proxyType]}.${third}.${shared ? 17 : ids.int(2, 254)}`,
      port: shared ? basePort + i : basePort + ids.int(0, 99),
      ...(input.authType === 'LOGIN' ? { login: `yp${ids.token(7)}`, password: ids.token(12) } : {}),
      dateStart,
      dateEnd,
      autoExtend: false,
    };
  });
  return { orderId: ids.orderId(), orderNumber: ids.orderNumber(), ...rest, ips };
}

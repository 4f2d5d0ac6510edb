/**
 * Servers, ports and config files of the VPNresellers simulator. The first servers and ports are the
 * ones in the vendor's own examples; the files follow the shape of the documented samples.
 */

export interface SimServerEntry {
  id: number;
  name: string;
  ip: string;
  country_code: string;
  city: string;
  capacity: number;
  /** The server's WireGuard public key (not part of the vendor's server object). */
  wgPublicKey: string;
}

export interface SimPort {
  id: number;
  protocol: 'udp' | 'tcp';
  number: number;
  default: 0 | 1;
}

const serverRows: Array<[string, string, string, string]> = [
  ['ams-s02.321inter.net', '46.249.36.188', 'NL', 'Amsterdam'],
  ['rtm-s01.321inter.net', '213.163.64.39', 'NL', 'Rotterdam'],
  ['bkk-s02.321inter.net', '45.64.186.109', 'TH', 'Bangkok'],
  ['yvr-s01.321inter.net', '71.19.251.107', 'CA', 'Vancouver'],
  ['fra-s03.321inter.net', '185.220.70.12', 'DE', 'Frankfurt'],
  ['lon-s01.321inter.net', '91.109.22.45', 'GB', 'London'],
  ['nyc-s02.321inter.net', '104.238.34.201', 'US', 'New York'],
  ['lax-s01.321inter.net', '45.88.97.18', 'US', 'Los Angeles'],
  ['sin-s01.321inter.net', '139.180.140.77', 'SG', 'Singapore'],
  ['tyo-s01.321inter.net', '45.76.98.163', 'JP', 'Tokyo'],
  ['syd-s01.321inter.net', '103.77.234.8', 'AU', 'Sydney'],
  ['sao-s01.321inter.net', '177.54.144.90', 'BR', 'São Paulo'],
];

export function seedServers(key: (label: string) => string): SimServerEntry[] {
  return serverRows.map(([name, ip, country_code, city], i) => ({
    id: i + 1,
    name,
    ip,
    country_code,
    city,
    capacity: (i * 17) % 60,
    wgPublicKey: key(`server-${name}`),
  }));
}

export function seedPorts(): SimPort[] {
  return [
    { id: 1, protocol: 'udp', number: 1194, default: 1 },
    { id: 2, protocol: 'udp', number: 118, default: 0 },
    { id: 3, protocol: 'udp', number: 123, default: 0 },
    { id: 4, protocol: 'udp', number: 53, default: 0 },
    { id: 5, protocol: 'tcp', number: 443, default: 0 },
    { id: 6, protocol: 'tcp', number: 80, default: 0 },
    { id: 7, protocol: 'tcp', number: 1194, default: 0 },
  ];
}

/** A PEM-looking CA block; it is not a real certificate, only the right shape. */
function caBlock(key: (label: string) => string): string {
  const body = Array.from({ length: 24 }, (_, i) => key(`ca-${i}`) + key(`ca-${i}b`))
    .map((line) => line.replace(/=/g, '').slice(0, 64))
    .join('\n');
  return `<ca>\n-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n</ca>\n`;
}

export function openvpnFile(server: SimServerEntry, port: SimPort, key: (label: string) => string) {
  const content = [
    'client',
    'dev tun',
    `remote ${server.ip} ${port.number}`,
    `proto ${port.protocol}`,
    'persist-key',
    'persist-tun',
    'auth-user-pass',
    'nobind',
    'resolv-retry infinite',
    'remote-cert-tls server',
    'auth SHA256',
    'cipher AES-256-CBC',
    'data-ciphers AES-256-GCM:AES-256-CBC',
    'verb 3',
    '',
    caBlock(key),
  ].join('\n');
  return { content, name: `${server.country_code}-${port.number}.ovpn` };
}

export function wireguardFile(server: SimServerEntry, account: { wgIp: string; wgPrivateKey: string }) {
  const content = [
    '[Interface]',
    `PrivateKey = ${account.wgPrivateKey}`,
    `Address = ${account.wgIp}`,
    'DNS = 172.16.0.1',
    '',
    '[Peer]',
    `PublicKey = ${server.wgPublicKey}`,
    'AllowedIPs = 0.0.0.0/0,::/0',
    `Endpoint = ${server.ip}:51820`,
    '',
  ].join('\n');
  return { content, name: 'wg0.conf' };
}

import type { ProxyEndpoint } from '../providers/types.js';

export const proxyFormats = ['url', 'colon', 'at'] as const;
export type ProxyFormat = (typeof proxyFormats)[number];

export const proxyFormatChoices = [
  { name: 'scheme://user:pass@host:port', value: 'url' },
  { name: 'host:port:user:pass', value: 'colon' },
  { name: 'user:pass@host:port', value: 'at' },
] as const;

/** One proxy as a line in the format most tools import. */
export function formatProxy(p: ProxyEndpoint, format: ProxyFormat): string {
  const auth = p.username !== undefined ? `${p.username}:${p.password ?? ''}` : undefined;
  switch (format) {
    case 'colon':
      return auth ? `${p.host}:${p.port}:${auth}` : `${p.host}:${p.port}`;
    case 'at':
      return auth ? `${auth}@${p.host}:${p.port}` : `${p.host}:${p.port}`;
    default:
      return `${p.protocol}://${auth ? `${encodeURIComponent(p.username ?? '')}:${encodeURIComponent(p.password ?? '')}@` : ''}${p.host}:${p.port}`;
  }
}

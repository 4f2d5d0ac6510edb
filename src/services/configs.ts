import { AppError, ProviderError, UserInputError } from '../errors.js';
import type { ReplyFile } from '../kit/reply.js';
import type { Provider, ProxyEndpoint, VpnPort, VpnServer } from '../providers/types.js';
import type { ProviderDirectory } from './providers.js';
import { formatProxy, type ProxyFormat } from './proxy-formats.js';

export type ConfigType = 'proxy' | 'openvpn' | 'wireguard';

export interface ConfigRequest {
  provider: string;
  username: string;
  type?: ConfigType;
  server?: string;
  port?: string;
  format?: ProxyFormat;
}

/** Secret: proxy credentials or VPN keys. */
export interface ConfigResult {
  provider: Provider;
  type: ConfigType;
  proxies?: string[];
  files: ReplyFile[];
  /** Which server/port or source was used, for the reply. */
  details: Array<{ label: string; value: string }>;
}

function pick<T extends { id: string }>(
  items: readonly T[],
  wanted: string,
  matches: (item: T, wanted: string) => boolean,
  what: string,
): T {
  const w = wanted.trim().toLowerCase();
  const found = items.find((i) => i.id.toLowerCase() === w) ?? items.find((i) => matches(i, w));
  if (!found) {
    const some = items
      .slice(0, 8)
      .map((i) => i.id)
      .join(', ');
    throw new UserInputError(`There is no ${what} "${wanted}".`, {
      hint: `Try one of: ${some}${items.length > 8 ? ', …' : ''}.`,
    });
  }
  return found;
}

export function findServer(servers: readonly VpnServer[], wanted: string): VpnServer {
  return pick(servers, wanted, (s, w) => s.name.toLowerCase() === w, 'server');
}

export function findPort(ports: readonly VpnPort[], wanted: string): VpnPort {
  return pick(
    ports,
    wanted,
    (p, w) => String(p.number) === w || `${p.protocol}/${p.number}`.toLowerCase() === w,
    'port',
  );
}

/**
 * A file name that is safe on any file system and says whose it is: the vendor's `wg0.conf` becomes
 * `maria.garcia-wg0.conf`, so configs saved side by side never overwrite each other.
 */
export function customerFileName(username: string, vendorName: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  const owner = safe(username) || 'customer';
  const base = safe(vendorName.split(/[\\/]/).pop() ?? '') || 'config';
  return (base.startsWith(`${owner}-`) ? base : `${owner}-${base}`).slice(0, 120);
}

export class ConfigService {
  constructor(private readonly providers: ProviderDirectory) {}

  async get(req: ConfigRequest): Promise<ConfigResult> {
    const provider = this.providers.get(req.provider);
    const username = this.providers.username(provider, req.username);
    const type = req.type ?? (provider.vpnConfig ? 'openvpn' : 'proxy');
    if (type === 'proxy') {
      if (!provider.proxyConfig) {
        throw new AppError('unsupported', `${provider.displayName} gives VPN configs, not proxies.`, {
          hint: 'Use type:openvpn or type:wireguard.',
        });
      }
      if (req.server || req.port) throw new UserInputError('server: and port: are for VPN configs only.');
      return this.proxies(provider, username, req.format ?? 'url');
    }
    if (!provider.vpnConfig) {
      throw new AppError('unsupported', `${provider.displayName} gives proxies, not VPN configs.`, {
        hint: 'Use type:proxy.',
      });
    }
    if (req.format) throw new UserInputError('format: is for proxy configs only.');
    return this.vpn(provider, username, type, req.server, req.port);
  }

  private async endpoints(
    provider: Provider,
    username: string,
  ): Promise<{ endpoints: ProxyEndpoint[]; source: string }> {
    try {
      const proxyConfig = provider.proxyConfig!;
      return { endpoints: await proxyConfig.proxies(username), source: proxyConfig.endpointsFrom ?? 'account' };
    } catch (error) {
      // ProxyShard also sells datacenter/ISP orders: an order id gets the order's proxy list.
      const orderProxies = provider.orders?.proxies;
      if (error instanceof ProviderError && error.kind === 'not_found' && orderProxies && /^\d+$/.test(username)) {
        return { endpoints: await orderProxies(username), source: 'order' };
      }
      throw error;
    }
  }

  private async proxies(provider: Provider, username: string, format: ProxyFormat): Promise<ConfigResult> {
    const { endpoints, source } = await this.endpoints(provider, username);
    if (endpoints.length === 0)
      throw new AppError('not_found', `${provider.displayName} has no proxies for ${username} right now.`);
    const lines = endpoints.map((p) => formatProxy(p, format));
    const file: ReplyFile = {
      name: `${provider.id}-${username}-proxies.txt`,
      contentType: 'text/plain; charset=utf-8',
      data: Buffer.from(`${lines.join('\n')}\n`, 'utf8'),
    };
    return {
      provider,
      type: 'proxy',
      proxies: lines,
      files: [file],
      details: [
        { label: 'Source', value: source === 'order' ? `order ${username}` : 'account credentials + gateway' },
        { label: 'Proxies', value: String(lines.length) },
      ],
    };
  }

  private async vpn(
    provider: Provider,
    username: string,
    type: 'openvpn' | 'wireguard',
    serverWanted?: string,
    portWanted?: string,
  ): Promise<ConfigResult> {
    const vpn = provider.vpnConfig!;
    const servers = await vpn.servers();
    if (servers.length === 0) throw new AppError('not_found', `${provider.displayName} lists no servers right now.`);
    const server = serverWanted ? findServer(servers, serverWanted) : (servers[0] as VpnServer);
    const details = [
      {
        label: 'Server',
        value: `${server.name} (id ${server.id}${server.countryCode ? `, ${server.countryCode}` : ''})`,
      },
    ];
    if (type === 'wireguard') {
      if (portWanted) throw new UserInputError('port: is for OpenVPN only; WireGuard uses its own port.');
      const file = await vpn.wireguard(username, { serverId: server.id });
      // The QR encoder and resvg are loaded only when a WireGuard config is handed out.
      const { renderQrPng } = await import('../images/qr.js');
      const qr = await renderQrPng(file.content);
      const name = customerFileName(username, file.name);
      return {
        provider,
        type,
        files: [
          { name, contentType: 'text/plain; charset=utf-8', data: Buffer.from(file.content, 'utf8') },
          { name: `${name.replace(/\.conf$/, '')}-qr.png`, contentType: 'image/png', data: qr },
        ],
        details,
      };
    }
    const ports = await vpn.ports();
    const port = portWanted ? findPort(ports, portWanted) : (ports.find((p) => p.isDefault) ?? ports[0]);
    if (!port) throw new AppError('not_found', `${provider.displayName} lists no ports right now.`);
    const file = await vpn.openvpn(username, { serverId: server.id, portId: port.id });
    details.push({
      label: 'Port',
      value: `${port.protocol.toUpperCase()} ${port.number}${port.isDefault ? ' (default)' : ''}`,
    });
    return {
      provider,
      type,
      files: [
        {
          name: customerFileName(username, file.name),
          contentType: 'application/x-openvpn-profile',
          data: Buffer.from(file.content, 'utf8'),
        },
      ],
      details,
    };
  }
}

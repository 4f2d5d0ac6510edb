import { type Reply, reply } from '../src/kit/reply.js';
import { defineCommand, subcommand } from '../src/runtime/command.js';
import type { ConfigResult, ConfigType } from '../src/services/configs.js';
import { type ProxyFormat, proxyFormatChoices } from '../src/services/proxy-formats.js';
import { providerOption, usernameOption } from './options.js';

/** Discord shows at most this many lines inline; the full list is always in the attached file. */
const inlineProxies = 10;

/** The config reply, always private, as staff (/config get) and customers (/my config) get it. */
export function configReply(username: string, result: ConfigResult): Reply {
  const shown = result.proxies?.slice(0, inlineProxies) ?? [];
  const more = (result.proxies?.length ?? 0) - shown.length;
  const text =
    result.type === 'proxy'
      ? `${shown.join('\n')}${more > 0 ? `\n…and ${more} more in the attached file.` : ''}`
      : `Your ${result.type === 'openvpn' ? 'OpenVPN' : 'WireGuard'} config is attached.${result.type === 'wireguard' ? ' Scan the QR code with the WireGuard app.' : ''}`;
  return reply({
    title: `Config for ${username} on ${result.provider.displayName}`,
    visibility: 'private',
    text,
    fields: result.details.map((d) => ({ ...d, inline: true })),
    files: result.files,
    data: {
      provider: result.provider.id,
      username,
      type: result.type,
      ...(result.proxies ? { proxies: result.proxies } : {}),
      files: result.files.map((f) => f.name),
    },
  });
}

const get = subcommand({
  name: 'get',
  description: 'Get proxy strings or a VPN config for a customer (private)',
  minRole: 'staff',
  secret: true,
  options: [
    providerOption,
    usernameOption,
    {
      name: 'type',
      type: 'choice',
      description: 'proxy, openvpn or wireguard (default: what the provider offers)',
      choices: [
        { name: 'proxy', value: 'proxy' },
        { name: 'openvpn', value: 'openvpn' },
        { name: 'wireguard', value: 'wireguard' },
      ],
    },
    { name: 'server', type: 'string', description: 'VPN server id or name', autocomplete: 'vpn-server', maxLength: 64 },
    {
      name: 'port',
      type: 'string',
      description: 'VPN port id or number (default port if left out)',
      autocomplete: 'vpn-port',
      maxLength: 16,
    },
    { name: 'format', type: 'choice', description: 'Proxy string format', choices: proxyFormatChoices },
  ],
  async run(ctx, args) {
    const result = await ctx.services.configs.get({
      provider: args.provider,
      username: args.username,
      ...(args.type ? { type: args.type as ConfigType } : {}),
      ...(args.server ? { server: args.server } : {}),
      ...(args.port ? { port: args.port } : {}),
      ...(args.format ? { format: args.format as ProxyFormat } : {}),
    });
    return configReply(args.username, result);
  },
});

export const configCommand = defineCommand({
  name: 'config',
  description: 'Hand out proxy strings and VPN configs, privately',
  subcommands: [get],
});

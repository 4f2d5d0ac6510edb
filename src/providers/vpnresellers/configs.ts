import { UserInputError } from '../../errors.js';
import type { CapabilitySpec } from '../define-implementation.js';
import type { ConfigFile, VpnConfigCapability, VpnServer } from '../types.js';
import { checkUsername } from '../username.js';
import { jsonHeaders } from './client.js';
import type { Context } from './context.js';
import { configEnvelope, portsEnvelope, serversEnvelope } from './schema.js';

/**
 * OpenVPN configs are per server and port (the account signs in with username and password);
 * WireGuard configs are per server and account (they carry the account's private key). Both come
 * back as `{content, name}` when asked with `Accept: application/json`; `text/html` would download
 * the file instead.
 */
export const configs: CapabilitySpec<Context, VpnConfigCapability> = {
  build: (ctx) => createVpnConfigs(ctx),
};

function createVpnConfigs({ client, directory }: Context): VpnConfigCapability {
  const servers = async (): Promise<VpnServer[]> =>
    (
      await client.call({
        request: { method: 'GET', path: '/servers', headers: jsonHeaders },
        schema: serversEnvelope,
        what: 'server list',
      })
    ).data;

  /** `server:` takes the numeric id or the server's name. */
  const serverId = async (choice: string): Promise<string> => {
    const wanted = choice.trim();
    if (/^\d+$/.test(wanted)) return wanted;
    const match = (await servers()).find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (!match)
      throw new UserInputError(`VPNresellers has no server named "${wanted.slice(0, 80)}".`, {
        hint: 'Pick one from the server list.',
      });
    return match.id;
  };

  const portId = (choice: string): string => {
    if (!/^\d+$/.test(choice.trim()))
      throw new UserInputError(`"${choice.slice(0, 40)}" is not a VPNresellers port id.`);
    return choice.trim();
  };

  const file = async (path: string, query: Record<string, string>, what: string): Promise<ConfigFile> => {
    const { data } = await client.call({
      request: { method: 'GET', path, query, headers: jsonHeaders },
      schema: configEnvelope,
      what,
    });
    return { name: data.name, content: data.content };
  };

  return {
    servers,
    async ports() {
      return (
        await client.call({
          request: { method: 'GET', path: '/ports', headers: jsonHeaders },
          schema: portsEnvelope,
          what: 'port list',
        })
      ).data;
    },
    async openvpn(username, choice) {
      checkUsername(username, 'VPNresellers');
      const port = portId(choice.portId);
      const server = await serverId(choice.serverId);
      // The file is not tied to the account, but handing one out for a name we do not have would mislead.
      await directory.find(username);
      return file('/configuration/openvpn', { server_id: server, port_id: port }, 'OpenVPN config');
    },
    async wireguard(username, choice) {
      checkUsername(username, 'VPNresellers');
      const server = await serverId(choice.serverId);
      const account = await directory.find(username);
      return file('/configuration/wireguard', { server_id: server, account_id: account.id }, 'WireGuard config');
    },
  };
}

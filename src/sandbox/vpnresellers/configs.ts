import type { SimRequest, SimResponse } from '../server.js';
import { type Api, fail, invalid, ok } from './api.js';
import { openvpnFile, wireguardFile } from './catalog.js';
import { keyFor, type VpnResellersState } from './state.js';

/** `Accept: application/json` gives `{data:{content,name}}`; `text/html` downloads the file itself. */
function configReply(req: SimRequest, file: { content: string; name: string }): SimResponse {
  const accept = String(req.headers.accept ?? '');
  if (accept.includes('application/json')) return ok(file);
  if (accept.includes('text/html')) {
    return {
      text: file.content,
      headers: {
        'content-type': 'text/html; charset=UTF-8',
        'content-disposition': `attachment; filename="${file.name}"`,
      },
    };
  }
  return fail(400);
}

const idParam = (req: SimRequest, name: string) => {
  const raw = req.query.get(name);
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined;
};

/** Servers, ports and the OpenVPN / WireGuard files built from them. */
export function configsRoutes(api: Api, state: VpnResellersState): void {
  api.route('GET', '/configuration/openvpn', (req) => {
    const serverId = idParam(req, 'server_id');
    const portId = idParam(req, 'port_id');
    const vpnServer = state.servers.find((s) => s.id === serverId);
    const port = state.ports.find((x) => x.id === portId);
    const errors: Record<string, string[]> = {};
    if (!req.query.get('server_id')) errors.server_id = ['The server id field is required.'];
    else if (!vpnServer) errors.server_id = ['The selected server id is invalid.'];
    if (!req.query.get('port_id')) errors.port_id = ['The port id field is required.'];
    else if (!port) errors.port_id = ['The selected port id is invalid.'];
    if (!vpnServer || !port) return invalid(errors, 'The given data was invalid.');
    return configReply(req, openvpnFile(vpnServer, port, keyFor));
  });

  api.route('GET', '/configuration/wireguard', (req) => {
    const serverId = idParam(req, 'server_id');
    const accountId = idParam(req, 'account_id');
    const vpnServer = state.servers.find((s) => s.id === serverId);
    const account = accountId === undefined ? undefined : state.accounts.get(accountId);
    const errors: Record<string, string[]> = {};
    if (!req.query.get('server_id')) errors.server_id = ['The server id field is required.'];
    else if (!vpnServer) errors.server_id = ['The selected server id is invalid.'];
    if (!req.query.get('account_id')) errors.account_id = ['The account id field is required.'];
    else if (!account) errors.account_id = ['The selected account id is invalid.'];
    if (!vpnServer || !account) return invalid(errors, 'The given data was invalid.');
    return configReply(req, wireguardFile(vpnServer, account));
  });

  // The docs' example sends no token here.
  api.open('GET', '/geoip', () =>
    ok({
      ip: '127.0.0.1',
      country: 'Netherlands',
      iso_code: 'NL',
      city: 'Amsterdam',
      lat: 52.37,
      lon: 4.89,
      continent: 'EU',
    }),
  );

  // As in the docs' example, the server list comes without `code`.
  api.route('GET', '/servers', () => ({ body: { data: state.servers.map(({ wgPublicKey: _key, ...s }) => s) } }));

  api.route('GET', '/ports', () => ok(state.ports));
}

import type { SimRequest, SimResponse, SimServer } from '../server.js';
import { byUsername } from './accounts.js';
import { openvpnFile, wireguardFile } from './catalog.js';
import { bodyField, fail, invalid, ok, passwordErrors, usernameErrors } from './replies.js';
import { accountJson, keyFor, stamp, type VpnResellersState } from './state.js';

type Guard = (req: SimRequest) => SimResponse | undefined;

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

export function otherRoutes(server: SimServer, state: VpnResellersState, guard: Guard, now: () => number) {
  const p = (path: string) => `/v4_1${path}`;
  const guarded = (fn: (req: SimRequest) => SimResponse) => (req: SimRequest) => guard(req) ?? fn(req);

  // The by-username variants take the name in the body.
  for (const action of ['enable', 'disable'] as const) {
    server.route(
      'PUT',
      p(`/un/accounts/${action}`),
      guarded((req) => {
        const username = bodyField(req, 'username');
        const errors = usernameErrors(username);
        if (errors) return invalid({ username: errors }, 'The given data was invalid.');
        const account = byUsername(state, username as string);
        if (!account) return fail(404);
        account.status = action === 'enable' ? 'Active' : 'Disabled';
        account.updated = stamp(now());
        return ok(accountJson(account));
      }),
    );
  }

  server.route(
    'PUT',
    p('/un/accounts/change_password'),
    guarded((req) => {
      const username = bodyField(req, 'username');
      const password = bodyField(req, 'password');
      const errors: Record<string, string[]> = {};
      const u = usernameErrors(username);
      if (u) errors.username = u;
      const pw = passwordErrors(password);
      if (pw) errors.password = pw;
      if (Object.keys(errors).length > 0) return invalid(errors, 'The given data was invalid.');
      const account = byUsername(state, username as string);
      if (!account) return fail(404);
      account.password = password as string;
      account.updated = stamp(now());
      return ok(accountJson(account));
    }),
  );

  // The one endpoint with HTTP Basic auth: the VPN account's own username and password.
  server.route('GET', p('/un/accounts/show'), (req) => {
    const header = String(req.headers.authorization ?? '');
    const match = /^Basic\s+(.+)$/i.exec(header);
    const decoded = match ? Buffer.from(match[1] as string, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const account = colon > 0 ? byUsername(state, decoded.slice(0, colon)) : undefined;
    if (!account || account.password !== decoded.slice(colon + 1)) return fail(401);
    const asked = req.query.get('username');
    if (!asked || asked.toLowerCase() !== account.username.toLowerCase()) return fail(404);
    return ok(accountJson(account));
  });

  server.route(
    'GET',
    p('/configuration/openvpn'),
    guarded((req) => {
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
    }),
  );

  server.route(
    'GET',
    p('/configuration/wireguard'),
    guarded((req) => {
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
    }),
  );

  // The docs' example sends no token here.
  server.route('GET', p('/geoip'), () =>
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
  server.route(
    'GET',
    p('/servers'),
    guarded(() => ({ body: { data: state.servers.map(({ wgPublicKey: _key, ...s }) => s) } })),
  );

  server.route(
    'GET',
    p('/ports'),
    guarded(() => ok(state.ports)),
  );

  server.route(
    'GET',
    p('/profile'),
    guarded(() => ok({ balance: formatCents(state.balanceCents) })),
  );
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

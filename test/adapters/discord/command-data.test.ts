import { describe, expect, it } from 'vitest';
import { buildDiscordCommandData, deployDiscordCommands } from '../../../adapters/discord/index.js';
import { commands } from '../../../commands/index.js';
import { reply } from '../../../src/kit/reply.js';
import { defineCommand, subcommand } from '../../../src/runtime/command.js';
import { DiscordFake } from '../../helpers/discord-fake/server.js';

type Data = {
  name: string;
  type: number;
  description: string;
  options?: Data[];
  required?: boolean;
  [k: string]: unknown;
};

const run = async () => reply({ title: 'ok' });
const alerts = defineCommand({
  name: 'alerts',
  description: 'Usage alerts',
  subcommands: [
    {
      name: 'rule',
      description: 'Alert rules',
      group: [
        subcommand({
          name: 'add',
          description: 'Add a rule',
          minRole: 'staff',
          options: [
            { name: 'note', type: 'string', description: 'A note' },
            { name: 'threshold', type: 'integer', description: 'Percent left', required: true, min: 1, max: 100 },
            { name: 'who', type: 'mentionable', description: 'Whom to ping', autocomplete: 'chat-user' },
          ],
          run,
        }),
      ],
    },
    subcommand({ name: 'list', description: 'x'.repeat(150), minRole: 'viewer', options: [], run }),
  ],
});

describe('Discord command data from the specs', () => {
  const data = buildDiscordCommandData(commands) as unknown as Data[];
  const byName = (list: Data[] | undefined, name: string) => list?.find((o) => o.name === name) as Data;

  it('has one slash command per registry command, with subcommands', () => {
    expect(data.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    const customer = byName(data, 'customer');
    expect(customer.options?.map((o) => [o.name, o.type])).toEqual(
      expect.arrayContaining([
        ['create', 1],
        ['info', 1],
        ['delete', 1],
      ]),
    );
  });

  it('types options, keeps choices, and offers autocomplete from local sources', () => {
    const create = byName(byName(data, 'customer').options, 'create');
    const provider = byName(create.options, 'provider');
    expect(provider).toMatchObject({ type: 3, required: true });
    expect((provider.choices as { value: string }[]).map((c) => c.value)).toEqual([
      'infiniteproxies',
      'proxyshard',
      'proxylite',
      'vpnresellers',
      'youproxy',
    ]);
    expect(byName(create.options, 'username')).toMatchObject({ type: 3, autocomplete: true, max_length: 64 });
    expect(byName(create.options, 'traffic')).toMatchObject({ type: 10, min_value: 0, required: false });
    const get = byName(byName(data, 'config').options, 'get');
    expect(byName(get.options, 'server')).toMatchObject({ autocomplete: true });
    const amount = byName(byName(byName(data, 'balance').options, 'add').options, 'amount');
    expect(amount).toMatchObject({ type: 10, required: true });
  });

  it('makes mentionable options Discord type 9, without autocomplete (Discord has its own picker)', () => {
    const grant = byName(byName(data, 'access').options, 'grant');
    const user = byName(grant.options, 'user');
    expect(user.type).toBe(9);
    expect(user.autocomplete).toBeUndefined();
  });

  it('builds subcommand groups, puts required options first and cuts descriptions to 100', () => {
    const [built] = buildDiscordCommandData([alerts]) as unknown as Data[];
    const rule = byName(built!.options, 'rule');
    expect(rule.type).toBe(2);
    const add = byName(rule.options, 'add');
    expect(add.type).toBe(1);
    expect(add.options?.map((o) => [o.name, o.type, o.required])).toEqual([
      ['threshold', 4, true],
      ['note', 3, false],
      ['who', 9, false],
    ]);
    expect(byName(add.options, 'threshold')).toMatchObject({ min_value: 1, max_value: 100 });
    expect(byName(built!.options, 'list').description).toHaveLength(100);
  });

  it('makes every command guild-only, and owner-level ones visible to Manage Server by default', () => {
    for (const c of data) {
      expect(c.contexts, c.name).toEqual([0]);
      expect(c.integration_types, c.name).toEqual([0]);
    }
    const restricted = data.filter((c) => c.default_member_permissions === '32').map((c) => c.name);
    expect(restricted.sort()).toEqual(['access', 'alerts', 'audit', 'spend']);
    expect(data.filter((c) => !restricted.includes(c.name)).every((c) => c.default_member_permissions === null)).toBe(
      true,
    );
    // Declared on the spec, not listed here: a later owner-level command gets it by saying so.
    const spend = defineCommand({
      name: 'spend',
      adminOnly: true,
      description: 'Spending',
      minRole: 'owner',
      options: [],
      run,
    });
    const [built] = buildDiscordCommandData([spend]) as unknown as Data[];
    expect(built).toMatchObject({ default_member_permissions: '32', contexts: [0] });
  });

  it('stays inside Discord limits for every command', () => {
    const walk = (o: Data): void => {
      expect(o.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(o.description.length).toBeGreaterThan(0);
      expect(o.description.length).toBeLessThanOrEqual(100);
      expect((o.options ?? []).length).toBeLessThanOrEqual(25);
      const opts = o.options ?? [];
      const firstOptional = opts.findIndex((x) => x.type > 2 && !x.required);
      if (firstOptional >= 0) expect(opts.slice(firstOptional).every((x) => !x.required)).toBe(true);
      for (const x of opts) {
        if (x.autocomplete) expect(x.choices).toBeUndefined();
        walk(x);
      }
    };
    for (const c of data) walk(c);
  });
});

describe('resellerops discord deploy', () => {
  it('bulk-overwrites the guild commands when DISCORD_GUILD_ID is set, else the global ones', async () => {
    const fake = await DiscordFake.start();
    try {
      const base = { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl };
      const guild = await deployDiscordCommands({ ...base, guildId: fake.guildId }, commands);
      const global = await deployDiscordCommands(base, commands);
      expect(guild).toEqual({ scope: 'guild', guildId: fake.guildId, commands: commands.length });
      expect(global).toEqual({ scope: 'global', commands: commands.length });
      const puts = fake.requests.filter((r) => r.method === 'PUT');
      expect(puts.map((r) => r.path)).toEqual([
        `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
        `/applications/${fake.applicationId}/commands`,
      ]);
      expect(puts[0]!.headers.authorization).toBe(`Bot ${fake.token}`);
      expect(puts[0]!.body).toEqual(buildDiscordCommandData(commands));
    } finally {
      await fake.close();
    }
  });
});

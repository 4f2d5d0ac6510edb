import { echo } from '../src/kit/echo.js';
import { reply } from '../src/kit/reply.js';
import { providerDefinitions } from '../src/providers/registry.js';
import { type CommandSpec, defineCommand, isGroup, leaves } from '../src/runtime/command.js';
import { helpForLeaves, helpOverview } from '../src/runtime/usage.js';
import { capabilityTable } from './capabilities.js';

function unknown(path: string, known: string) {
  const message = `There is no ${echo(`/${path}`)}.`;
  return reply({
    ok: false,
    visibility: 'private',
    title: 'Unknown command',
    tone: 'error',
    text: `${message} ${known}`,
    error: { code: 'not_found', message, hint: known },
  });
}

/** `/help` needs the list it belongs to; the list hands itself in to avoid an import cycle. */
export function createHelpCommand(listCommands: () => readonly CommandSpec[]): CommandSpec {
  return defineCommand({
    name: 'help',
    description: 'Commands, their options, and what each provider offers',
    minRole: 'viewer',
    options: [
      {
        name: 'command',
        type: 'string',
        description: 'A command or subcommand to explain (customer, balance add)',
        positional: true,
        rest: true,
        autocomplete: 'command',
        maxLength: 64,
      },
    ],
    async run(ctx, args) {
      const all = listCommands();
      if (args.command) {
        const [name = '', ...subPath] = args.command.replace(/^\//, '').toLowerCase().trim().split(/\s+/);
        const command = all.find((c) => c.name === name);
        if (!command) return unknown(name, `Commands: ${all.map((c) => c.name).join(', ')}.`);
        const path = [command.name, ...subPath].join(' ');
        const matching = leaves(command).filter((r) => r.path === path || r.path.startsWith(`${path} `));
        if (matching.length === 0) {
          const subs = isGroup(command) ? command.subcommands.map((s) => s.name).join(', ') : 'no subcommands';
          return unknown(path, `/${command.name} has ${subs}.`);
        }
        return reply({
          title: `/${path}`,
          tone: 'info',
          text: helpForLeaves(matching),
          data: { command: path },
        });
      }
      const configured = new Set(ctx.services.providers.list().map((p) => p.id));
      const offers = capabilityTable(providerDefinitions.filter((d) => configured.has(d.id)));
      return reply({
        title: 'resellerops commands',
        tone: 'info',
        text: `${helpOverview(all)}\n\nWhat each provider offers:\n${offers}`,
        data: { commands: all.map((c) => c.name) },
      });
    },
  });
}

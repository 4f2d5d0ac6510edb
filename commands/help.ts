import { type CommandSpec, defineCommand } from '../src/kit/command.js';
import { reply } from '../src/kit/reply.js';
import { helpForCommand, helpOverview } from '../src/kit/usage.js';
import { providerDefinitions } from '../src/providers/registry.js';
import { capabilityTable } from './capabilities.js';

/** `/help` needs the list it belongs to; the registry hands itself in to avoid an import cycle. */
export function createHelpCommand(registry: () => readonly CommandSpec[]): CommandSpec {
  return defineCommand({
    name: 'help',
    description: 'Commands, their options, and what each provider offers',
    minRole: 'viewer',
    options: [
      {
        name: 'command',
        type: 'string',
        description: 'A command to explain',
        positional: true,
        autocomplete: 'command',
        maxLength: 32,
      },
    ],
    async run(ctx, args) {
      const all = registry();
      if (args.command) {
        const name = args.command.replace(/^\//, '').toLowerCase();
        const command = all.find((c) => c.name === name);
        if (!command) {
          return reply({
            ok: false,
            visibility: 'private',
            title: 'Unknown command',
            tone: 'error',
            text: `There is no /${name}. Commands: ${all.map((c) => c.name).join(', ')}.`,
            error: { code: 'not_found', message: `There is no /${name}.` },
          });
        }
        return reply({
          title: `/${command.name}`,
          tone: 'info',
          text: helpForCommand(command),
          data: { command: command.name },
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

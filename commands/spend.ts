import { decideApproval } from '../src/runtime/approve.js';
import { type CommandSpec, defineCommand, subcommand } from '../src/runtime/command.js';
import { approvalSubcommand, limitGroup } from './spend-settings.js';

const requestOption = {
  name: 'request',
  type: 'string',
  description: 'The request id (ap_…), as the alert and /spend limit show give it',
  required: true,
  maxLength: 64,
} as const;

/**
 * `/spend`: the owners' spending guard. Approve and deny are also buttons on the request in the
 * alert channels; as commands they serve the terminal and anyone without the buttons. They need
 * the command list (to run the approved purchase), handed in to avoid an import cycle.
 */
export function createSpendCommand(listCommands: () => readonly CommandSpec[]): CommandSpec {
  const decide = (approve: boolean) =>
    subcommand({
      name: approve ? 'approve' : 'deny',
      description: approve
        ? 'Approve a purchase waiting for a second owner: it is sent at once'
        : 'Deny a purchase waiting for a second owner: nothing is bought',
      minRole: 'owner',
      mutates: true,
      options: [requestOption],
      run: (ctx, args) =>
        decideApproval({ services: ctx.services, commands: listCommands() }, args.request, approve, ctx),
    });
  return defineCommand({
    name: 'spend',
    adminOnly: true,
    description: 'Spending guard: daily limit per provider, second-owner approval above a price (owners)',
    subcommands: [limitGroup, approvalSubcommand, decide(true), decide(false)],
  });
}

import { parseGrantee } from '../../src/access/user-ref.js';
import { UserInputError } from '../../src/errors.js';
import type { CommandContext } from '../../src/runtime/context.js';
import type { Dispatcher } from '../../src/runtime/dispatch.js';

const prefix = /^as:(\S+)\s+(.*)$/s;

/**
 * `as:discord:1234 /my accounts`: the console runs one line as that chat user, with the role the
 * access list gives them now (none for a customer), to see what they see. The actor's name says it
 * came from the terminal, so the audit log tells it apart from the user's own doing.
 */
export async function actingAs(
  line: string,
  ctx: CommandContext,
  dispatcher: Dispatcher,
): Promise<{ line: string; ctx: CommandContext }> {
  const m = prefix.exec(line);
  if (!m) return { line, ctx };
  const who = parseGrantee(m[1] as string, 'terminal');
  if (who.kind !== 'user') {
    throw new UserInputError('as: takes one chat user (discord:ID or slack:ID), not a Discord role.');
  }
  const actor = await dispatcher.actor(who.platform, who.id, `${ctx.actor.name ?? ctx.actor.userId} (terminal, as:)`);
  return { line: m[2] as string, ctx: { ...ctx, actor } };
}

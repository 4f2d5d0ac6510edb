import type { ArgsOf, OptionSpec } from '../kit/options.js';
import type { ConfirmKind, Reply } from '../kit/reply.js';
import type { Audience } from '../kit/roles.js';
import type { CommandContext } from './context.js';

/**
 * What one runnable command (a subcommand, or a command without subcommands) declares. A run goes
 * role check → `prepare` → question (when it asks first) → `run`, and `prepare`'s typed result is
 * handed on, so nothing is validated twice.
 */
export interface LeafSpec<Opts extends readonly OptionSpec[] = readonly OptionSpec[], Prepared = unknown> {
  description: string;
  options: Opts;
  /** `customer`: anyone may run it; it answers only with what is linked to them. */
  minRole: Audience;
  /** Changes something upstream or in the bot: audited, and `confirm:yes` is accepted. */
  mutates?: boolean;
  /**
   * Asks before running: `destructive` (cannot be undone) or `paid` (spends the reseller's money).
   * A function decides per call (creating an account costs money at some providers only).
   */
  confirm?: ConfirmKind | ((args: ArgsOf<Opts>) => ConfirmKind | undefined);
  /** May answer with a secret; adapters defer privately and never post it in a channel. */
  secret?: boolean;
  /**
   * Everything that can be checked without an upstream request (units, steps, what the provider
   * offers), once, before a confirmation is asked, so nobody confirms something that cannot work.
   * Its result is what `describe` and `run` work from.
   */
  prepare?(ctx: CommandContext, args: ArgsOf<Opts>): Prepared;
  /**
   * Shown when asking for confirmation: what exactly will happen. A `Question` also carries terms
   * (the price shown) that the confirmed run gets back as `ctx.confirmedTerms`.
   */
  describe?(args: ArgsOf<Opts>, prepared: Prepared, ctx: CommandContext): Question | Promise<Question>;
  run(ctx: CommandContext, args: ArgsOf<Opts>, prepared: Prepared): Promise<Reply>;
}

/**
 * What a question says. `terms`: what the confirmed run must still find true (the price shown), handed
 * back as `ctx.confirmedTerms`; `data`: the question's own `data` (its cost, for scripts).
 */
export type Question = string | { text: string; terms?: Record<string, unknown>; data?: Record<string, unknown> };

export interface SubcommandSpec<Opts extends readonly OptionSpec[] = readonly OptionSpec[], Prepared = unknown>
  extends LeafSpec<Opts, Prepared> {
  name: string;
}

/** Discord's subcommand group: `/alerts rule add` is group `rule`, subcommand `add`. */
export interface SubcommandGroupSpec {
  name: string;
  description: string;
  group: readonly SubcommandSpec[];
}

/** What a top-level command declares besides what it runs. */
interface TopLevelSpec {
  name: string;
  /**
   * Owner-level tooling (who has access, alerts, the audit log, spending). Where a platform can
   * hide a command from ordinary members it does (Discord: Manage Server by default, which a server
   * admin can widen under Integrations). The role check still decides who may run it.
   */
  adminOnly?: boolean;
}

export interface GroupCommandSpec extends TopLevelSpec {
  description: string;
  subcommands: readonly (SubcommandSpec | SubcommandGroupSpec)[];
}

export interface LeafCommandSpec<Opts extends readonly OptionSpec[] = readonly OptionSpec[]>
  extends LeafSpec<Opts>,
    TopLevelSpec {}

export type CommandSpec = GroupCommandSpec | LeafCommandSpec;

export function isGroup(spec: CommandSpec): spec is GroupCommandSpec {
  return 'subcommands' in spec;
}

export function isSubcommandGroup(spec: SubcommandSpec | SubcommandGroupSpec): spec is SubcommandGroupSpec {
  return 'group' in spec;
}

/** Keeps option names and types, and what `prepare` hands on, tied to `run`'s arguments. */
export function subcommand<const Opts extends readonly OptionSpec[], Prepared = undefined>(
  spec: SubcommandSpec<Opts, Prepared>,
): SubcommandSpec {
  return spec as unknown as SubcommandSpec;
}

export function defineCommand<const Opts extends readonly OptionSpec[]>(
  spec: GroupCommandSpec | LeafCommandSpec<Opts>,
): CommandSpec {
  return spec as CommandSpec;
}

/** A resolved command: which spec runs and under what full name (`customer create`). */
export interface ResolvedCommand {
  command: CommandSpec;
  leaf: LeafSpec;
  /** `customer create`, `alerts rule add`, or `help`. */
  path: string;
  /** The subcommand group, for `/alerts rule add`. */
  group?: string;
  /** The subcommand's own name, when there is one. */
  subcommand?: string;
}

export function leaves(spec: CommandSpec): ResolvedCommand[] {
  if (!isGroup(spec)) return [{ command: spec, leaf: spec, path: spec.name }];
  return spec.subcommands.flatMap((sub): ResolvedCommand[] =>
    isSubcommandGroup(sub)
      ? sub.group.map((leaf) => ({
          command: spec,
          leaf,
          path: `${spec.name} ${sub.name} ${leaf.name}`,
          group: sub.name,
          subcommand: leaf.name,
        }))
      : [{ command: spec, leaf: sub, path: `${spec.name} ${sub.name}`, subcommand: sub.name }],
  );
}

/** Looks a leaf up by its full path (`alerts rule add`), as Discord interactions name it. */
export function findLeaf(commands: readonly CommandSpec[], path: string): ResolvedCommand | undefined {
  for (const command of commands) {
    const found = leaves(command).find((r) => r.path === path);
    if (found) return found;
  }
  return undefined;
}

/** Whether this call needs a confirmation, and of which kind. */
export function confirmationFor(leaf: LeafSpec, args: Record<string, unknown>): ConfirmKind | undefined {
  return typeof leaf.confirm === 'function' ? leaf.confirm(args as never) : leaf.confirm;
}

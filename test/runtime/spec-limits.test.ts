import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { leaves } from '../../src/runtime/command.js';
import { checkCommandLimits } from '../../src/runtime/spec-limits.js';
import { usageLine } from '../../src/runtime/usage.js';

describe('command specs', () => {
  it('fit Discord limits: names ≤ 32 lowercase, descriptions ≤ 100, ≤ 25 options, required first', () => {
    expect(checkCommandLimits(commands)).toEqual([]);
  });

  it('catch a spec that breaks the limits', () => {
    const bad = [
      {
        name: 'Bad Name',
        description: 'x'.repeat(101),
        minRole: 'viewer' as const,
        options: [
          { name: 'opt', type: 'string' as const, description: 'optional first' },
          { name: 'req', type: 'string' as const, description: 'then required', required: true },
        ],
        run: async () => {
          throw new Error('never run');
        },
      },
    ];
    const problems = checkCommandLimits(bad);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/name must be/);
    expect(problems.join('\n')).toMatch(/description must be 1–100/);
    expect(problems.join('\n')).toMatch(/required options must come before optional ones/);
  });

  it('give the documented usage lines for the core commands', () => {
    const lines = commands.flatMap((c) => leaves(c)).map(usageLine);
    expect(lines).toEqual(
      expect.arrayContaining([
        '/customer create <provider> <username> [password:] [traffic:] [plan:] [note:] [confirm:yes]',
        '/customer info <provider> <username>',
        '/customer list <provider> [status:active|disabled] [page:]',
        '/customer delete <provider> <username> [confirm:yes]',
        '/balance add <provider> <username> <amount> [unit:mb|gb|days] [confirm:yes]',
        '/balance remove <provider> <username> <amount> [unit:mb|gb|days] [confirm:yes]',
        '/password reset <provider> <username> [password:]',
        '/usage show <provider> <username> [days:]',
        '/reseller balance [provider]',
        '/help [command]',
      ]),
    );
  });
});

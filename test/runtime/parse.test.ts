import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { AppError } from '../../src/errors.js';
import { parseArguments, parseCommandLine, UsageError } from '../../src/runtime/parse.js';
import { tokenize } from '../../src/runtime/tokenize.js';

describe('the tokenizer', () => {
  it.each([
    ['customer info proxylite bob', ['customer', 'info', 'proxylite', 'bob']],
    ['  spaced   out  ', ['spaced', 'out']],
    ['note:"two words"', ['note:two words']],
    ['"quoted whole"', ['quoted whole']],
    ['a "" b', ['a', '', 'b']],
    ['note:"say \\"hi\\""', ['note:say "hi"']],
    ['note:\u201ccurly quotes\u201d', ['note:curly quotes']],
    ['tab\tseparated', ['tab', 'separated']],
  ])('splits %j into %j', (line, expected) => {
    expect(tokenize(line)).toEqual(expected);
  });

  it('refuses a quote that is never closed', () => {
    expect(() => tokenize('note:"open')).toThrow(/not closed/);
  });
});

describe('the command-line parser', () => {
  it.each([
    ['/customer info proxylite bob', 'customer info', { provider: 'proxylite', username: 'bob' }, false],
    ['customer info proxylite bob', 'customer info', { provider: 'proxylite', username: 'bob' }, false],
    [
      'customer info username:bob provider:proxylite',
      'customer info',
      { provider: 'proxylite', username: 'bob' },
      false,
    ],
    ['customer info proxylite username:bob', 'customer info', { provider: 'proxylite', username: 'bob' }, false],
    [
      'customer create proxyshard ann traffic:5 plan:premium note:"vip, pays early"',
      'customer create',
      { provider: 'proxyshard', username: 'ann', traffic: 5, plan: 'premium', note: 'vip, pays early' },
      false,
    ],
    [
      'balance add infiniteproxies bob 100 unit:mb confirm:yes',
      'balance add',
      { provider: 'infiniteproxies', username: 'bob', amount: 100, unit: 'mb' },
      true,
    ],
    [
      'balance add infiniteproxies bob 1.5 unit:GB',
      'balance add',
      { provider: 'infiniteproxies', username: 'bob', amount: 1.5, unit: 'gb' },
      false,
    ],
    [
      'customer list proxylite status:disabled page:2',
      'customer list',
      { provider: 'proxylite', status: 'disabled', page: 2 },
      false,
    ],
    ['reseller balance', 'reseller balance', {}, false],
    ['reseller balance youproxy', 'reseller balance', { provider: 'youproxy' }, false],
    ['help', 'help', {}, false],
    ['help customer', 'help', { command: 'customer' }, false],
    [
      'password reset proxylite bob password:abc:def',
      'password reset',
      { provider: 'proxylite', username: 'bob', password: 'abc:def' },
      false,
    ],
    ['CUSTOMER INFO proxylite bob', 'customer info', { provider: 'proxylite', username: 'bob' }, false],
  ])('reads %j', (line, path, args, confirmed) => {
    const parsed = parseCommandLine(commands, line);
    expect(parsed.resolved.path).toBe(path);
    expect(parsed.args).toEqual(args);
    expect(parsed.confirmed).toBe(confirmed);
  });

  it.each([
    ['', /Type a command/],
    ['frobnicate', /no command "frobnicate"/],
    ['customer', /needs a subcommand/],
    ['customer explode proxylite bob', /not a subcommand/],
    ['customer info proxylite', /Missing <username>/],
    ['customer info', /Missing <provider> <username>/],
    ['customer info nowhere bob', /provider: must be one of/],
    ['customer info proxylite bob extra', /Unexpected "extra"/],
    ['customer info proxylite bob colour:red', /has no option "colour"/],
    ['balance add proxylite bob ten', /amount: must be a number/],
    ['balance add proxylite bob 5 unit:tb', /unit: must be one of mb, gb, days/],
    ['customer list proxylite page:0', /page: must be at least 1/],
    ['customer list proxylite page:1.5', /page: must be a whole number/],
    ['customer info proxylite bob username:alice', /given twice|Unexpected/],
    ['customer delete proxylite bob confirm:maybe', /confirm: takes only "yes"/],
  ])('refuses %j with a clear message', (line, message) => {
    let error: unknown;
    try {
      parseCommandLine(commands, line);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
    expect((error as Error).message + ((error as AppError).hint ?? '')).toMatch(message);
  });

  it('carries the usage line with every error about a known command', () => {
    try {
      parseCommandLine(commands, 'balance add proxylite bob');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).usage).toBe(
        '/balance add <provider> <username> <amount> [unit:mb|gb|days] [confirm:yes]',
      );
    }
  });
});

describe('the arguments Slack gives apart from the command name', () => {
  const named = (name: string) => commands.find((c) => c.name === name)!;
  const outcome = (parse: () => unknown) => {
    try {
      const parsed = parse() as { resolved: { path: string }; args: unknown; confirmed: boolean };
      return { path: parsed.resolved.path, args: parsed.args, confirmed: parsed.confirmed };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };

  it.each([
    ['customer', 'info proxylite bob'],
    ['balance', 'add proxylite bob 5 unit:gb'],
    ['customer', 'create proxylite bob note:"two words" confirm:yes'],
    ['help', 'balance add'],
    ['reseller', ''],
    ['customer', ''],
    ['customer', 'explode proxylite bob'],
    ['balance', 'add proxylite bob ten'],
    ['alerts', 'rule list'],
  ])('reads /%s %j as the same line typed whole', (name, text) => {
    expect(outcome(() => parseArguments(named(name), text))).toEqual(
      outcome(() => parseCommandLine(commands, `/${name} ${text}`)),
    );
  });
});

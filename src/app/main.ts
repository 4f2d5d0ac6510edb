import { parseArgs } from 'node:util';
import { UserInputError } from '../errors.js';
import { execUsage, fail, usage, type VerbArgs } from './cli.js';

/**
 * The CLI (bin/resellerops.js runs its build). Each verb is its own module, imported only when
 * that verb runs, so that a terminal command does not load discord.js, Bolt or the simulators.
 */
const verbs: Record<string, () => Promise<{ run(args: VerbArgs): Promise<number> }>> = {
  start: () => import('./start.js'),
  console: () => import('./console.js'),
  exec: () => import('./exec.js'),
  doctor: () => import('./doctor.js'),
  notify: () => import('./notify-run-once.js'),
  data: () => import('./data.js'),
  discord: () => import('./discord-deploy.js'),
  slack: () => import('./slack-manifest.js'),
};

const isParseArgsError = (error: unknown): error is TypeError =>
  error instanceof TypeError && Boolean((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'));

/** `exec … --json` (flags before any `--`): every outcome is then one JSON envelope on stdout. */
function wantsJsonEnvelope(argv: readonly string[]): boolean {
  const flags = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  return argv[0] === 'exec' && flags.includes('--json');
}

function parseFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      sandbox: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      url: { type: 'string' },
      socket: { type: 'boolean', default: false },
      'idempotency-key': { type: 'string' },
      replace: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (error) {
    if (isParseArgsError(error) && wantsJsonEnvelope(argv)) {
      const { execFailure } = await import('../../adapters/terminal/exec.js');
      return execFailure(new UserInputError(error.message, { hint: execUsage }), { json: true });
    }
    throw error;
  }
  const { values, positionals } = parsed;
  const [verb, sub, ...rest] = positionals;
  if (!verb || verb === 'help' || values.help) {
    process.stdout.write(`${usage}\n`);
    return verb || values.help ? 0 : 2;
  }
  const load = Object.hasOwn(verbs, verb) ? verbs[verb] : undefined;
  if (!load) fail(`Unknown command "${verb}".\n${usage}`);
  const { run } = await load();
  return run({
    sub,
    rest,
    flags: {
      sandbox: values.sandbox ?? false,
      json: values.json ?? false,
      socket: values.socket ?? false,
      replace: values.replace ?? false,
      out: values.out,
      url: values.url,
      'idempotency-key': values['idempotency-key'],
    },
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (isParseArgsError(error)) fail(`${error.message}\n${usage}`);
    process.stderr.write(`resellerops: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

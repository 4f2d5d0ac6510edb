import { runDataExport, runDataImport } from '../../adapters/terminal/data.js';
import { AppError } from '../errors.js';
import { fail, usage, type VerbArgs } from './cli.js';
import { withApp } from './with-app.js';

/** `resellerops data export [--out FILE]` / `data import FILE [--replace]`: the whole store as JSON lines. */
export function run({ sub, rest, flags }: VerbArgs): Promise<number> {
  const report = (text: string) => process.stderr.write(`${text}\n`);
  const problem = (error: unknown): number => {
    if (!(error instanceof AppError)) throw error;
    report(`${error.message}${error.hint ? `\n${error.hint}` : ''}`);
    return error.code === 'invalid_input' ? 2 : 1;
  };
  if (sub === 'export') return withApp(false, 'warn', (app) => runDataExport(app, flags.out, report).catch(problem));
  if (sub === 'import') {
    const options = { replace: flags.replace };
    return withApp(false, 'warn', (app) => runDataImport(app, rest[0], options, report).catch(problem));
  }
  fail(`Did you mean: resellerops data export [--out FILE] or resellerops data import FILE [--replace]\n${usage}`);
}

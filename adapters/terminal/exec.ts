import type { App } from '../../src/app/boot.js';
import { AppError } from '../../src/errors.js';
import { errorReply } from '../../src/kit/reply.js';
import type { Dispatcher } from '../../src/runtime/dispatch.js';
import { terminalContext } from './context.js';
import { prepareOutDir, type SavedFile, saveReplyFiles } from './files.js';
import { exitCodeOf, replyToJson, replyToText } from './render.js';

export interface ExecOptions {
  json?: boolean;
  out?: string;
  /** Lets a script retry a command safely: the same key is carried out once. */
  idempotencyKey?: string;
}

/**
 * What `exec` prints when it cannot run the command at all (a bad flag, a broken data file, a
 * configuration error): with --json still exactly one JSON envelope (docs/commands.md) on stdout. Returns the exit status.
 */
export function execFailure(error: unknown, options: { json?: boolean }): number {
  if (!(error instanceof AppError)) {
    process.stderr.write(`resellerops: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  const reply = errorReply(error);
  if (options.json) process.stdout.write(`${JSON.stringify(replyToJson(reply))}\n`);
  else process.stderr.write(`${replyToText(reply)}\n`);
  return exitCodeOf(reply);
}

/** `resellerops exec "<command>"`: one command as the local operator; returns the exit status. */
export async function runExec(app: App, dispatcher: Dispatcher, line: string, options: ExecOptions): Promise<number> {
  let out: string | undefined;
  try {
    // Checked first: a reply whose files cannot be saved must not follow a change made upstream.
    if (options.out) out = await prepareOutDir(options.out);
  } catch (error) {
    return execFailure(error, options);
  }
  const ctx = terminalContext(app, options.idempotencyKey ? `terminal:key:${options.idempotencyKey}` : undefined);
  const reply = await dispatcher.runText(line, ctx);
  let saved: SavedFile[] = [];
  try {
    if (out) saved = await saveReplyFiles(reply, out);
  } catch (error) {
    return execFailure(error, options);
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(replyToJson(reply, saved))}\n`);
  } else {
    process.stdout.write(`${replyToText(reply, saved)}\n`);
  }
  return exitCodeOf(reply);
}

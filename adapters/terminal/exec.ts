import type { App } from '../../src/app/boot.js';
import type { Dispatcher } from '../../src/services/dispatch.js';
import { terminalContext } from './context.js';
import { saveReplyFiles } from './files.js';
import { exitCodeOf, replyToJson, replyToText } from './render.js';

export interface ExecOptions {
  json?: boolean;
  out?: string;
  /** Lets a script retry a command safely: the same key is carried out once. */
  idempotencyKey?: string;
}

/** `resellerops exec "<command>"`: one command as the local operator; returns the exit status. */
export async function runExec(app: App, dispatcher: Dispatcher, line: string, options: ExecOptions): Promise<number> {
  const ctx = terminalContext(app, options.idempotencyKey ? `terminal:key:${options.idempotencyKey}` : undefined);
  const reply = await dispatcher.runText(line, ctx);
  const saved = options.out ? await saveReplyFiles(reply, options.out) : [];
  if (options.json) {
    process.stdout.write(`${JSON.stringify(replyToJson(reply))}\n`);
  } else {
    process.stdout.write(`${replyToText(reply, saved)}\n`);
  }
  return exitCodeOf(reply);
}

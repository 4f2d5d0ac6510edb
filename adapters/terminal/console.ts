import { createInterface } from 'node:readline';
import type { App } from '../../src/app/boot.js';
import { errorReply } from '../../src/kit/reply.js';
import type { Dispatcher } from '../../src/runtime/dispatch.js';
import { seedDemoCustomers } from '../../src/sandbox/demo-customers.js';
import { actingAs } from './acting-as.js';
import { terminalContext } from './context.js';
import { prepareOutDir, saveReplyFiles } from './files.js';
import { replyToText } from './render.js';

export interface ConsoleOptions {
  out?: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Ends the session once the command being answered has its answer. */
  stopRequested?: AbortSignal;
}

/**
 * `resellerops console`: a prompt with history on a TTY; otherwise one command per input line,
 * answered in order. A bad line never ends the session.
 */
export async function runConsole(app: App, dispatcher: Dispatcher, options: ConsoleOptions = {}): Promise<void> {
  // A bad --out is refused before the first command, not after a change it could not save.
  const out = options.out ? await prepareOutDir(options.out) : undefined;
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  // The sandbox has linked demo customers, so /my can be tried as them (before reading: lines
  // that arrive before the loop reads them would be lost).
  const demo = app.sandbox ? await seedDemoCustomers(app.services) : [];
  if (options.stopRequested?.aborted) return;
  const rl = createInterface({ input, output, terminal: interactive, historySize: 500 });
  const close = () => rl.close();
  options.stopRequested?.addEventListener('abort', close, { once: true });
  const write = (text: string) => output.write(`${text}\n`);
  const prompt = app.sandbox ? 'resellerops[sandbox]> ' : 'resellerops> ';
  if (interactive) {
    write(`resellerops console${app.sandbox ? ' — SANDBOX: simulated providers, nothing real is touched' : ''}.`);
    write('Type /help for commands, exit to leave.');
    for (const user of demo) write(`See what a linked customer sees: as:${user.platform}:${user.id} /my accounts`);
  }
  rl.setPrompt(prompt);
  if (interactive) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === 'exit' || line === 'quit') break;
    if (line !== '' && !line.startsWith('#')) {
      const reply = await actingAs(line, terminalContext(app), dispatcher).then(
        (as) => dispatcher.runText(as.line, as.ctx),
        (error: unknown) => errorReply(error),
      );
      try {
        write(replyToText(reply, out ? await saveReplyFiles(reply, out) : []));
      } catch (error) {
        write(replyToText(reply));
        write(replyToText(errorReply(error)));
      }
    }
    if (interactive) rl.prompt();
  }
  options.stopRequested?.removeEventListener('abort', close);
  rl.close();
}

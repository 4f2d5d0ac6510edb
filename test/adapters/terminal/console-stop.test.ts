import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runConsole } from '../../../adapters/terminal/console.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

describe('console on a stop request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('ends the session after the answer it is giving, with its input still open', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    const stop = new AbortController();
    const session = runConsole(t.app, t.dispatcher, { input, output, stopRequested: stop.signal });
    input.write('/help\n');
    await vi.waitFor(() => expect(text).toContain('resellerops commands'));
    stop.abort();
    await session;
    expect(input.writableEnded).toBe(false);
  });

  it('does not start when the stop was asked for before it opened', async () => {
    const input = new PassThrough();
    const stop = new AbortController();
    stop.abort();
    await runConsole(t.app, t.dispatcher, { input, output: new PassThrough(), stopRequested: stop.signal });
    expect(input.writableEnded).toBe(false);
  });
});

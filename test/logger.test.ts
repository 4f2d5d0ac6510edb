import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

/** A destination that keeps what was written, and says when a line has arrived. */
function sink() {
  let text = '';
  let wake: (() => void) | undefined;
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      wake?.();
      done();
    },
  });
  return {
    stream,
    text: () => stripVTControlCharacters(text),
    async line(): Promise<string> {
      if (!text.includes('\n')) await new Promise<void>((resolve) => (wake = resolve));
      return stripVTControlCharacters(text);
    },
  };
}

describe('the logger factory', () => {
  it('writes one JSON object per line when nobody reads a terminal', async () => {
    const out = sink();
    createLogger('info', { isTTY: false, destination: out.stream }).info(
      { customer: 'emmaclark', password: 'hunter2-secret' },
      'customer created',
    );
    const [line] = (await out.line()).trim().split('\n');
    expect(JSON.parse(line!)).toMatchObject({ level: 30, msg: 'customer created', password: '***' });
  });

  it('writes readable lines on a terminal, with secrets redacted all the same', async () => {
    const out = sink();
    createLogger('info', { isTTY: true, destination: out.stream }).info(
      { customer: 'emmaclark', password: 'hunter2-secret' },
      'customer created',
    );
    const text = await out.line();
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toMatch(/^\[\d{2}:\d{2}:\d{2}\] INFO: customer created\n/);
    expect(text).toContain('customer: "emmaclark"');
    expect(text).toContain('password: "***"');
    expect(text).not.toContain('hunter2-secret');
  });

  it('keeps to its level either way', async () => {
    for (const isTTY of [true, false]) {
      const out = sink();
      const logger = createLogger('warn', { isTTY, destination: out.stream });
      logger.info('not shown');
      logger.warn('shown');
      expect(await out.line()).toContain('shown');
      expect(out.text()).not.toContain('not shown');
    }
  });
});

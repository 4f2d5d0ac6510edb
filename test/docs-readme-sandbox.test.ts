import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';
import { consoleBlockLines } from './helpers/readme-examples.js';

/** What the README gives to type at the sandbox console (`npm run sandbox`) works there, in its order. */
describe('the README sandbox examples', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('run against the simulators: each answers, or asks first where it spends', async () => {
    const lines = consoleBlockLines();
    expect(lines).toContain('customer list proxylite');
    expect(lines.length).toBeGreaterThan(12);
    const failed: string[] = [];
    for (const line of lines) {
      const reply = await t.run(line);
      const asks = reply.error?.code === 'confirmation_required' && !/confirm:yes/.test(line);
      if (reply.error && !asks) failed.push(`${line} → ${reply.error.code}: ${reply.error.message}`);
    }
    expect(failed).toEqual([]);
  });
});

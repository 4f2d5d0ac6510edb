import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DiscordHarness, embedOf, owner, startDiscordHarness } from '../../helpers/discord-fake/harness.js';
import { holdNext } from '../../helpers/hold.js';

const str = (name: string, value: string) => ({ name, type: 3, value });

/** stop() is what a service manager's stop runs before the store closes. */
describe('Discord adapter stop', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness({ PROVIDER_TIMEOUT_MS: '15000' });
  });
  afterAll(() => h?.close());

  it('lets an interaction already deferred finish its answer before it disconnects', async () => {
    const listed = await h.t.run('customer list proxylite status:active');
    const username = (listed.data.customers as { username: string }[])[0]!.username;
    const release = holdNext(h.t.sim('proxylite'), 'GET /end-point/whitelist-account/list');
    const sent = h.fake.command(owner, 'customer', ['info'], [str('provider', 'proxylite'), str('username', username)]);
    await h.fake.waitUntil(() => h.fake.callbacks(sent).length > 0, 10_000, 'the defer');

    let answersWhenStopped: number | undefined;
    const stopped = h.adapter.stop().then(() => {
      answersWhenStopped = h.fake.messages(sent).length;
    });
    // Either stop() returned at once, or it says it is waiting: only then is the provider let go.
    const waiting = vi
      .waitFor(() => expect(h.logs.some((l) => /waiting for interactions/.test(String(l.msg)))).toBe(true), {
        timeout: 10_000,
        interval: 5,
      })
      .catch(() => undefined);
    await Promise.race([stopped, waiting]);
    release();
    await stopped;

    expect(answersWhenStopped).toBe(1);
    expect(embedOf(h.fake.messages(sent)[0]!).title).toContain(username);
    expect(h.fake.sessions).toBe(0);
  });
});

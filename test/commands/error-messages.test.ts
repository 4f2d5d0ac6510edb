import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerIds } from '../../src/providers/registry.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** Every error names the value that was wrong and what would be right, and nothing reaches a provider. */
describe('error messages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const requests = () => providerIds.reduce((sum, id) => sum + t.sim(id).received.length, 0);

  async function refused(line: string) {
    const before = requests();
    const out = await t.run(line);
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('invalid_input');
    expect(requests()).toBe(before);
    return `${out.error?.message}\n${out.error?.hint ?? ''}`;
  }

  it.each([
    'customer info nowhere bob',
    'balance add Nowhere bob 5',
    'reseller balance nowhere',
  ])('names the unknown provider typed in %j, and lists the real ones', async (line) => {
    const said = await refused(line);
    expect(said).toMatch(/"nowhere"/i);
    for (const id of providerIds) expect(said).toContain(id);
  });

  it('echoes at most 64 characters of an unknown command', async () => {
    const typed = `x${'y'.repeat(300)}`;
    const said = await refused(typed);
    expect(said).toContain(`"${typed.slice(0, 64)}…"`);
    expect(said).not.toContain(typed.slice(0, 65));
  });

  it('echoes at most 64 characters of an unknown subcommand or stray words', async () => {
    const long = 'z'.repeat(200);
    expect(await refused(`customer ${long}`)).not.toContain(long.slice(0, 65));
    expect(await refused(`customer info proxylite bob ${long}`)).not.toContain(long.slice(0, 65));
  });

  it.each([
    [
      'balance add infiniteproxies acme_scraper 1e22',
      /1e22 MB is more than the bot can count exactly: at most [\d,]+ MB/,
    ],
    [
      'balance add infiniteproxies acme_scraper 10000000000000000000000',
      /1e22 MB is more than the bot can count exactly/,
    ],
    ['balance add proxyshard bob 1e22 unit:gb', /1e22 GB is more than the bot can count exactly/],
    ['balance add vpnresellers bob 1e22', /1e22 days is more than one change may add: at most 3,650 days/],
    ['balance add youproxy 1 100000', /100,000 days is more than one change may add/],
    ['balance add vpnresellers bob 1.5', /1\.5 days is not a whole number of days/],
    ['balance add proxyshard bob 1.5', /steps of 1 GB; 1\.5 GB is not one\.\nTry 1 GB or 2 GB\./],
    ['balance add infiniteproxies bob 15', /steps of 10 MB; 15 MB is not one\.\nTry 10 MB or 20 MB\./],
    ['balance add infiniteproxies bob 5', /at least 10 MB per change, not 5 MB/],
    ['balance add proxyshard bob 0', /must be more than 0, not 0/],
    ['balance add proxyshard bob -1', /amount: must be at least 0, not -1/],
    ['balance add proxyshard bob NaN', /amount: must be a number, not "NaN"/],
    ['balance add proxyshard bob 1e999', /amount: 1e999 is too large/],
    ['customer create proxyshard bob traffic:1e22', /1e22 GB is more than the bot can count exactly/],
    ['customer create proxyshard bob traffic:0.5', /at least 1 GB per change, not 0\.5 GB/],
    ['customer list proxylite page:99999999999999999999', /page: 99999999999999999999 is too large/],
    ['customer list proxylite page:1.5', /page: must be a whole number, not 1\.5/],
    ['usage show infiniteproxies bob days:120', /days: must be at most 90, not 120/],
    ['customer list proxylite status:gone', /status: must be one of active, disabled, not "gone"/],
    ['customer delete proxylite bob confirm:maybe', /confirm: takes only "yes", not "maybe"/],
    ['customer info proxylite bob colour:red', /has no option "colour"/],
    ['alerts rule add traffic-below threshold:-5%', /threshold: "-5%" is below 0 %; give 0 to 100 %/],
    ['alerts rule add traffic-below threshold:1e22GB', /threshold: "1e22GB" is more than the bot can count exactly/],
    ['alerts rule add usage-spike min:2', /min: "2" needs a unit/],
  ])('refuses %j saying what was given and what would work', async (line, message) => {
    expect(await refused(line)).toMatch(message);
  });

  it('never repeats a secret value in an error', async () => {
    const secret = `S3cret${'x'.repeat(80)}`;
    const said = await refused(`password reset proxylite bob password:${secret}`);
    expect(said).toMatch(/password: must be at most 64 characters/);
    expect(said).not.toContain('S3cret');
  });
});

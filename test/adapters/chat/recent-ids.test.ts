import { describe, expect, it } from 'vitest';
import { RecentIds } from '../../../adapters/chat/recent-ids.js';

describe('RecentIds', () => {
  it('knows a repeat within its time to live, and forgets it after', () => {
    let now = 0;
    const ids = new RecentIds(1_000, () => now);
    expect(ids.add('a')).toBe(true);
    expect(ids.add('b')).toBe(true);
    now = 999;
    expect(ids.add('a')).toBe(false);
    expect(ids.add('b')).toBe(false);
    now = 1_000;
    expect(ids.add('a')).toBe(true);
    expect(ids.add('a')).toBe(false);
  });

  it('drops expired ids while younger ones stay known', () => {
    let now = 0;
    const ids = new RecentIds(100, () => now);
    ids.add('old');
    now = 60;
    ids.add('young');
    now = 120;
    expect(ids.add('young')).toBe(false);
    expect(ids.add('old')).toBe(true);
  });
});

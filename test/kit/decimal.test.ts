import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/kit/decimal.js';

describe('decimal', () => {
  it('writes every number as toLocaleString("en-US") with the same precision does, from formatters it keeps', () => {
    const values = [
      0,
      -0,
      1,
      -1,
      0.5,
      0.125,
      1.23456789,
      999.9994,
      999.9995,
      1234.5,
      1e6,
      -98765.4321,
      1e20,
      2 ** 53,
      1e-7,
    ];
    for (const digits of [0, 1, 2, 3, 20]) {
      for (const n of values) {
        expect(decimal(n, digits), `${n} to ${digits} digits`).toBe(
          n.toLocaleString('en-US', { maximumFractionDigits: digits }),
        );
      }
    }
    expect(decimal(1234.56789)).toBe('1,234.568');
  });
});

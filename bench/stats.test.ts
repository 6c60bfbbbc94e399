import { describe, expect, it } from 'vitest';
import { percentile, result } from './stats.js';

describe('bench statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([3], 99)).toBe(3);
  });

  it('judges a target', () => {
    expect(result('x', 'ms', 3, 2, { kind: 'ratio-at-most', limit: 2 }).met).toBe(true);
    expect(result('x', 'ms', 5, 2, { kind: 'ratio-at-most', limit: 2 }).met).toBe(false);
    expect(result('x', '/s', 6000, 9000, { kind: 'value-at-least', limit: 5000 }).met).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { parsePreciseIso, preciseIsoNow } from './precise-time.js';

describe('precise time stamps', () => {
  it('carry microseconds and read back with them', () => {
    const stamp = preciseIsoNow();
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Math.abs(parsePreciseIso(stamp) - Date.now())).toBeLessThan(1000);
    expect(parsePreciseIso('2026-01-01T00:00:00.123456Z') - Date.parse('2026-01-01T00:00:00.123Z')).toBeCloseTo(0.456, 3);
    expect(parsePreciseIso('2026-01-01T00:00:00.123Z')).toBe(Date.parse('2026-01-01T00:00:00.123Z'));
  });
});

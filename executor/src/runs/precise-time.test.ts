import { describe, expect, it } from 'vitest';
import { createPreciseClock, parsePreciseIso, preciseIso, preciseIsoNow } from './precise-time.js';

/** A wall clock that truncates to the millisecond, as Date.now() does, over a settable true time. */
function fakeClocks(start: number) {
  const state = { monotonic: 1_000.25, wallOffset: start - 1_000 };
  return {
    state,
    wall: () => Math.floor(state.monotonic + state.wallOffset),
    monotonic: () => state.monotonic,
    advance(ms: number) {
      state.monotonic += ms;
    },
    trueNow: () => state.monotonic + state.wallOffset,
  };
}

/** Reads the clock 50 times, `stepMs` apart, so that its readings fall at many points of a millisecond. */
function readOften(now: () => number, clocks: ReturnType<typeof fakeClocks>, stepMs: number): void {
  for (let i = 0; i < 50; i++) {
    clocks.advance(stepMs);
    now();
  }
}

describe('precise time stamps', () => {
  it('carry microseconds and read back with them', () => {
    const stamp = preciseIsoNow();
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Math.abs(parsePreciseIso(stamp) - Date.now())).toBeLessThan(1000);
    expect(
      parsePreciseIso('2026-01-01T00:00:00.123456Z') - Date.parse('2026-01-01T00:00:00.123Z'),
    ).toBeCloseTo(0.456, 3);
    expect(parsePreciseIso('2026-01-01T00:00:00.123Z')).toBe(Date.parse('2026-01-01T00:00:00.123Z'));
    expect(preciseIso(Date.parse('2026-01-01T00:00:00.123Z') + 0.4567)).toBe('2026-01-01T00:00:00.123456Z');
  });

  it('converges on the wall clock to well under a millisecond', () => {
    const clocks = fakeClocks(1_800_000_000_000);
    const now = createPreciseClock(clocks.wall, clocks.monotonic);
    readOften(now, clocks, 0.137);
    clocks.advance(3.3);
    expect(Math.abs(now() - clocks.trueNow())).toBeLessThan(0.05);
  });

  it('follows the wall clock when it is set forward or back after start', () => {
    const clocks = fakeClocks(1_800_000_000_000);
    const now = createPreciseClock(clocks.wall, clocks.monotonic);
    readOften(now, clocks, 0.113);
    clocks.state.wallOffset += 5_000;
    clocks.advance(1);
    expect(Math.abs(now() - clocks.trueNow())).toBeLessThan(1);
    clocks.state.wallOffset -= 7_250.5;
    clocks.advance(1);
    expect(Math.abs(now() - clocks.trueNow())).toBeLessThan(1);
    readOften(now, clocks, 0.113);
    expect(Math.abs(now() - clocks.trueNow())).toBeLessThan(0.05);
  });
});

/**
 * A wall clock with microseconds: `Date.now()` says where the wall clock is (to the millisecond,
 * read afresh each time, so a clock that is stepped or slewed after start is followed), and the
 * monotonic `performance.now()` gives the fraction. `performance.timeOrigin + performance.now()`
 * alone would stay anchored to the wall clock as it was when the process started: a long-lived
 * executor would stamp its events off by however far the clock was set since, and two processes
 * started at different times would disagree on the same instant.
 */
export function createPreciseClock(
  wallMs: () => number = Date.now,
  monotonicMs: () => number = () => performance.now(),
): () => number {
  // The wall clock minus the monotonic one. Each reading bounds it from below to within a
  // millisecond (Date.now() truncates), so the highest reading is the best estimate.
  let offset = Number.NEGATIVE_INFINITY;
  return () => {
    const monotonic = monotonicMs();
    const reading = wallMs() - monotonic;
    // Higher: a better estimate, or the clock was set forward. More than a millisecond lower:
    // the clock was set back, and the old estimate no longer holds.
    if (reading > offset || reading < offset - 1) offset = reading;
    return monotonic + offset;
  };
}

/** Milliseconds since the epoch, with the fraction. */
export const preciseNowMs = createPreciseClock();

/**
 * ISO 8601 with microseconds. Events are often less than a millisecond apart, and the delivery
 * latency users feel is measured from this stamp, so milliseconds are too coarse.
 */
export function preciseIsoNow(): string {
  return preciseIso(preciseNowMs());
}

/** ISO 8601 with microseconds of a time in milliseconds since the epoch, with the fraction. */
export function preciseIso(ms: number): string {
  const wholeMs = Math.floor(ms);
  const micros = Math.min(999, Math.floor((ms - wholeMs) * 1000));
  return new Date(wholeMs).toISOString().replace('Z', `${String(micros).padStart(3, '0')}Z`);
}

/** Milliseconds since the epoch, with the fraction, from an ISO stamp with up to nine fraction digits. */
export function parsePreciseIso(iso: string): number {
  const match = /\.(\d+)Z$/.exec(iso);
  const base = Date.parse(iso);
  if (!match?.[1] || match[1].length <= 3) return base;
  return base + Number(`0.${match[1].slice(3)}`);
}

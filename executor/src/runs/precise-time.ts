/**
 * ISO 8601 with microseconds. Events are often less than a millisecond apart, and the delivery
 * latency users feel is measured from this stamp, so milliseconds are too coarse.
 */
export function preciseIsoNow(): string {
  const now = performance.timeOrigin + performance.now();
  const wholeMs = Math.floor(now);
  const micros = Math.floor((now - wholeMs) * 1000);
  return new Date(wholeMs).toISOString().replace('Z', `${String(micros).padStart(3, '0')}Z`);
}

/** Milliseconds since the epoch, with the fraction, from an ISO stamp with up to nine fraction digits. */
export function parsePreciseIso(iso: string): number {
  const match = /\.(\d+)Z$/.exec(iso);
  const base = Date.parse(iso);
  if (!match?.[1] || match[1].length <= 3) return base;
  return base + Number(`0.${match[1].slice(3)}`);
}

/** A UTC instant with four to six fraction digits: the executor stamps events in microseconds. */
const PRECISE_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{4,6}Z$/;

/**
 * A Date that keeps the microseconds of the stamp it was made from. Events are often less than a
 * millisecond apart, and delivery latency is measured from their stamp, so the stored and
 * delivered `at` must not be cut to milliseconds the way `Date` cuts it.
 */
class PreciseDate extends Date {
  constructor(private readonly iso: string) {
    super(iso);
  }

  override toISOString(): string {
    return this.iso;
  }
}

/** When an executor event happened: its own stamp, with microseconds when it has them. */
export function eventTime(stamp: string): Date {
  if (!PRECISE_UTC.test(stamp)) return new Date(stamp);
  const date = new PreciseDate(
    stamp.replace(/\.(\d+)Z$/, (_, digits: string) => `.${digits.padEnd(6, '0')}Z`),
  );
  // A stamp of the right shape can still name no instant (month 13): it must then fail as a Date
  // does (toISOString throws), not carry its text through.
  return Number.isNaN(date.getTime()) ? new Date(Number.NaN) : date;
}

/** An event time as stored and delivered: ISO 8601 in UTC with six fraction digits. */
export function isoMicros(date: Date): string {
  const iso = date.toISOString();
  return iso.length === 24 ? iso.replace('Z', '000Z') : iso;
}

/** Postgres renders a `timestamptz` column the same way. */
export const SQL_ISO_MICROS = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

import { describe, expect, it } from 'vitest';
import { eventTime, isoMicros } from './event-time.js';

describe('eventTime', () => {
  it('keeps the microseconds of an executor stamp', () => {
    const at = eventTime('2026-12-06T06:00:00.123456Z');
    expect(at.toISOString()).toBe('2026-12-06T06:00:00.123456Z');
    expect(at.getTime()).toBe(Date.parse('2026-12-06T06:00:00.123Z'));
    expect(isoMicros(at)).toBe('2026-12-06T06:00:00.123456Z');
  });

  it('pads four or five fraction digits to six', () => {
    expect(eventTime('2026-12-06T06:00:00.1234Z').toISOString()).toBe('2026-12-06T06:00:00.123400Z');
  });

  it('reads other stamps as a Date does', () => {
    expect(eventTime('2026-12-06T06:00:00.123Z').toISOString()).toBe('2026-12-06T06:00:00.123Z');
    expect(eventTime('2026-12-06T07:00:00.123456+01:00').toISOString()).toBe('2026-12-06T06:00:00.123Z');
    expect(Number.isNaN(eventTime('not a time').getTime())).toBe(true);
    expect(Number.isNaN(eventTime('2026-13-45T06:00:00.123456Z').getTime())).toBe(true);
  });
});

describe('isoMicros', () => {
  it('writes a millisecond Date with six fraction digits', () => {
    expect(isoMicros(new Date('2026-12-06T06:00:00.123Z'))).toBe('2026-12-06T06:00:00.123000Z');
  });
});

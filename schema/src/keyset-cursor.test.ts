import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../server/src/errors.js';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor.js';

describe('keyset cursors', () => {
  it('round-trip and refuse anything else with a typed error', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(decodeKeysetCursor(encodeKeysetCursor(at, 'id-1'))).toEqual({ at, id: 'id-1' });
    for (const bad of [
      '',
      'nope',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('["x","y"]').toString('base64url'),
    ]) {
      expect(() => decodeKeysetCursor(bad)).toThrow(ValidationError);
    }
  });
});

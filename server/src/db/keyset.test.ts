import { describe, expect, it } from 'vitest';
import { pastPosition } from './keyset.js';

describe('pastPosition', () => {
  it('compares the time column first and the id on ties', () => {
    const at = new Date(0);
    expect(pastPosition('createdAt', { at, id: 'b' })).toEqual({
      $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: 'b' } }],
    });
    expect(pastPosition('lastActiveAt', { at, id: 'b' }, '$gt').$or[1]).toEqual({
      lastActiveAt: at,
      id: { $gt: 'b' },
    });
  });
});

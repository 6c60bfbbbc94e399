import { describe, expect, it } from 'vitest';
import { oldestFirst } from './docker-created.js';

const ids = (objects: { Id: string }[]) => objects.map((object) => object.Id);

describe('oldestFirst', () => {
  it('orders by time where the text would not: Docker drops trailing zeros of the nanoseconds', () => {
    const older = { Id: 'b', Created: '2026-12-06T14:18:40.12345Z' };
    const younger = { Id: 'a', Created: '2026-12-06T14:18:40.123456789Z' };
    expect([older.Created, younger.Created].sort()).toEqual([younger.Created, older.Created]);
    expect(ids(oldestFirst([younger, older]))).toEqual(['b', 'a']);
  });

  it('compares whole seconds across offsets and a missing fraction', () => {
    const objects = [
      { Id: 'late', Created: '2026-12-06T15:00:01+01:00' },
      { Id: 'early', Created: '2026-12-06T14:00:00.9Z' },
      { Id: 'whole', Created: '2026-12-06T14:00:00Z' },
    ];
    expect(ids(oldestFirst(objects))).toEqual(['whole', 'early', 'late']);
  });

  it('breaks ties by id, so that every worker keeps the same one', () => {
    const at = '2026-12-06T14:18:40.5Z';
    expect(
      ids(
        oldestFirst([
          { Id: 'y', Created: at },
          { Id: 'x', Created: at },
        ]),
      ),
    ).toEqual(['x', 'y']);
  });
});

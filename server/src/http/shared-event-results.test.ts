import { describe, expect, it } from 'vitest';
import { eventIdentity, SharedEventResults } from './shared-event-results.js';

describe('shared event results', () => {
  it('computes once per key and evicts the oldest beyond capacity', async () => {
    const shared = new SharedEventResults(2);
    let computed = 0;
    const compute = () => Promise.resolve({ data: { n: ++computed } });
    expect(await shared.get('a', compute)).toEqual({ data: { n: 1 } });
    expect(await shared.get('a', compute)).toEqual({ data: { n: 1 } });
    await shared.get('b', compute);
    await shared.get('c', compute);
    expect(await shared.get('a', compute)).toEqual({ data: { n: 4 } });
  });

  it('shares only immutable, numbered events', () => {
    expect(eventIdentity({ runId: 'r', seq: 3, type: 'X' })).toBe('r:3');
    expect(eventIdentity({ sessionId: 's' })).toBeNull();
    expect(eventIdentity(null)).toBeNull();
  });
});

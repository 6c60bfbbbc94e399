import { expect } from 'vitest';
import type { RunEventResult } from './run-stack.js';

/** Events numbered from `from` without a gap or a repeat, in order. */
export function expectGapless(events: RunEventResult[], from = 1): void {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, index) => from + index));
}

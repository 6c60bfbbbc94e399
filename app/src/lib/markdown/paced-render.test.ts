import { describe, expect, it } from 'vitest';
import { pacedRender } from './paced-render';

/** A clock and timer queue the test moves by hand; each render costs what the test says. */
function harness(costMs: number) {
  let clock = 0;
  const waiting: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
  const rendered: string[] = [];
  const renderer = pacedRender(
    (input: string) => {
      rendered.push(input);
      clock += costMs;
    },
    {
      share: 0.25,
      minIntervalMs: 16,
      now: () => clock,
      schedule: (run, delayMs) => {
        const entry = { at: clock + delayMs, run, cancelled: false };
        waiting.push(entry);
        return () => (entry.cancelled = true);
      },
    },
  );
  const advance = (ms: number) => {
    const until = clock + ms;
    for (;;) {
      const due = waiting
        .filter((entry) => !entry.cancelled && entry.at <= until)
        .sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      waiting.splice(waiting.indexOf(due), 1);
      clock = Math.max(clock, due.at);
      due.run();
    }
    clock = Math.max(clock, until);
  };
  return {
    renderer,
    rendered,
    advance,
    now: () => clock,
    pending: () => waiting.filter((entry) => !entry.cancelled),
  };
}

describe('pacedRender', () => {
  it('renders the first input at once', () => {
    const { renderer, rendered } = harness(2);
    renderer.update('a');
    expect(rendered).toEqual(['a']);
  });

  it('folds inputs that come faster than the pace into one render of the latest', () => {
    const { renderer, rendered, advance } = harness(2);
    renderer.update('a');
    renderer.update('ab');
    renderer.update('abc');
    expect(rendered).toEqual(['a']);
    advance(16);
    expect(rendered).toEqual(['a', 'abc']);
  });

  it('spaces renders by what they cost, so they take at most the given share of the time', () => {
    const { renderer, rendered, advance, now } = harness(20); // a long answer: 20 ms a render
    let text = '';
    // An event every millisecond for two seconds.
    for (let ms = 0; ms < 2000; ms++) {
      text += 'x';
      renderer.update(text);
      advance(1);
    }
    const elapsed = now();
    advance(1000);
    expect(rendered.at(-1)).toBe(text);
    // Rendering took a quarter of the time at most, give or take the first and the last render:
    // a few dozen renders, not one per event.
    expect(rendered.length * 20).toBeLessThanOrEqual(0.25 * elapsed + 2 * 20);
    expect(rendered.length).toBeLessThan(50);
  });

  it('renders at once again after a quiet spell', () => {
    const { renderer, rendered, advance } = harness(2);
    renderer.update('a');
    advance(100);
    renderer.update('ab');
    expect(rendered).toEqual(['a', 'ab']);
  });

  it('cancel drops the render that was waiting', () => {
    const { renderer, rendered, advance, pending } = harness(2);
    renderer.update('a');
    renderer.update('ab');
    renderer.cancel();
    advance(100);
    expect(rendered).toEqual(['a']);
    expect(pending()).toEqual([]);
  });
});

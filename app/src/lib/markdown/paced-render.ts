export interface PacedRender<T> {
  /** The input changed: render it now if the pace allows, else once it does (the latest input then). */
  update(input: T): void;
  /** Drops a render that is waiting (the component is gone). */
  cancel(): void;
}

export interface PaceOptions {
  /** The most of the main thread that rendering may take while the input keeps changing. */
  share: number;
  /** The least time between two renders: about one frame. */
  minIntervalMs: number;
  now: () => number;
  schedule: (run: () => void, delayMs: number) => () => void;
}

const DEFAULTS: PaceOptions = {
  share: 0.25,
  minIntervalMs: 16,
  now: () => performance.now(),
  schedule: (run, delayMs) => {
    const timer = setTimeout(run, delayMs);
    return () => clearTimeout(timer);
  },
};

/**
 * Renders the latest of a changing input at a pace set by what rendering costs. A streamed answer
 * grows by a few words per event, and rendering its markdown costs more the longer it gets: once
 * per event, a long answer would take quadratic time and the page would fall far behind the
 * stream. Here a render that took `c` ms is followed by the next no sooner than `c / share` ms
 * later, so rendering takes at most that share of the time however fast events come; the first
 * input, and any that comes after a quiet spell, renders at once.
 */
export function pacedRender<T>(
  render: (input: T) => void,
  options: Partial<PaceOptions> = {},
): PacedRender<T> {
  const { share, minIntervalMs, now, schedule } = { ...DEFAULTS, ...options };
  let latest: T;
  let nextAllowedAt = -Infinity;
  let cancelWaiting: (() => void) | null = null;

  const renderLatest = () => {
    cancelWaiting = null;
    const started = now();
    render(latest);
    const cost = now() - started;
    nextAllowedAt = started + Math.max(minIntervalMs, cost / share);
  };

  return {
    update(input) {
      latest = input;
      if (cancelWaiting) return;
      const wait = nextAllowedAt - now();
      if (wait <= 0) renderLatest();
      else cancelWaiting = schedule(renderLatest, wait);
    },
    cancel() {
      cancelWaiting?.();
      cancelWaiting = null;
    },
  };
}

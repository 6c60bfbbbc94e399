/** Why a run's AbortSignal fired: a user's cancel ends the run, a shutdown leaves it unfinished. */
export type RunStopReason = 'cancel' | 'shutdown';

/** The abort reason the executor uses, so the run knows which ending to write. */
export class RunStopped extends Error {
  constructor(readonly why: RunStopReason) {
    super(why === 'cancel' ? 'the run was canceled' : 'the executor is shutting down');
    // The AI SDK recognises aborts by this name and ends the stream with an `abort` part.
    this.name = 'AbortError';
  }
}

export function stopReasonOf(signal: AbortSignal): RunStopReason | null {
  if (!signal.aborted) return null;
  return signal.reason instanceof RunStopped ? signal.reason.why : 'cancel';
}

/**
 * Makes a reload function whose every call is answered by a run of `refresh` that started after
 * the call. urql hands a query that is already in flight to a new identical one, so a list
 * reloaded right after a mutation could otherwise be given an answer read before the mutation.
 * Calls made while a run is in flight fold into one more run after it; `superseded()` tells a run
 * that a newer one will follow, so it can drop its now stale answer.
 */
export function serialRefresh(refresh: (superseded: () => boolean) => Promise<void>): () => Promise<void> {
  let wanted = false;
  let running: Promise<void> | null = null;
  const superseded = () => wanted;

  async function drain(): Promise<void> {
    try {
      while (wanted) {
        wanted = false;
        await refresh(superseded);
      }
    } finally {
      // Reached with no await after the last check of `wanted`: a call cannot slip in between.
      running = null;
    }
  }

  return () => {
    wanted = true;
    if (running) return running;
    // `drain` suspends at its first await, so `running` is set before `drain` can clear it.
    running = drain().then(() => undefined);
    return running;
  };
}

/** Why the workbench believes it is offline, for the banner. */
export type OfflineReason = 'network' | 'server';

/**
 * Whether the live connection to the API is up, from the browser's online/offline events and the
 * WebSocket's own connected/closed events. Subscribers of `onLost` resume their streams.
 */
export class ConnectionManager {
  browserOnline = $state(true);
  socketDown = $state(false);
  // Listeners are not state: nothing renders from them.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #lostListeners = new Set<() => void>();

  constructor(initiallyOnline: boolean) {
    this.browserOnline = initiallyOnline;
  }

  get offline(): boolean {
    return !this.browserOnline || this.socketDown;
  }

  get reason(): OfflineReason | null {
    if (!this.browserOnline) return 'network';
    return this.socketDown ? 'server' : null;
  }

  socketConnected(): void {
    this.socketDown = false;
  }

  socketClosed(intentional: boolean): void {
    if (intentional) return;
    this.socketDown = true;
    for (const listener of this.#lostListeners) listener();
  }

  setBrowserOnline(online: boolean): void {
    this.browserOnline = online;
  }

  /** Called whenever a live connection was lost; returns the unsubscribe function. */
  onLost(listener: () => void): () => void {
    this.#lostListeners.add(listener);
    return () => this.#lostListeners.delete(listener);
  }
}

/** What the browser lets us do with notifications. */
export type NotificationState = NotificationPermission | 'unsupported';

const APP_TITLE = 'agentbench';

/**
 * Getting the user's attention when an agent waits: the tab title and, where the user allowed
 * it, a browser notification. Permission is only ever asked from a click.
 */
export class AttentionManager {
  #window: Window & typeof globalThis;
  // Bookkeeping only, never rendered.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #notified = new Set<string>();
  permission = $state<NotificationState>('unsupported');
  /** Requests waiting for an answer in the session on screen. */
  waiting = $state(0);

  constructor(window: Window & typeof globalThis) {
    this.#window = window;
    this.permission = 'Notification' in window ? window.Notification.permission : 'unsupported';
  }

  /** The tab title for a page called `title`, with the count of waiting requests in front. */
  titleFor(title: string | null): string {
    const base = title ? `${title} · ${APP_TITLE}` : APP_TITLE;
    return this.waiting > 0 ? `(${this.waiting}) Waiting for you · ${APP_TITLE}` : base;
  }

  async requestPermission(): Promise<void> {
    if (this.permission === 'unsupported') return;
    this.permission = await this.#window.Notification.requestPermission();
  }

  /** Shows one notification per request, and only where the user granted it. */
  notify(request: { id: string; prompt: string }): void {
    if (this.#notified.has(request.id)) return;
    this.#notified.add(request.id);
    if (this.permission !== 'granted') return;
    try {
      new this.#window.Notification('An agent is waiting for you', { body: request.prompt, tag: request.id });
    } catch {
      // Some browsers only allow notifications from a service worker; the tab title still tells.
    }
  }
}

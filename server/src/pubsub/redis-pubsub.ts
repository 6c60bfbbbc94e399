import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

/** Bounds on announcements held while Redis is away (see `hold`). */
const HELD_PER_TOPIC = 100;
const HELD_TOPICS = 10_000;

/**
 * A message a subscription may ask for (`onResume: () => RESUMED`): the connection to Redis is
 * back, and what was published while it was down is lost, so read the state again.
 */
export const RESUMED = Symbol('resumed');

interface Listener {
  message(message: unknown): void;
  /** The subscriber connection came back: messages published meanwhile are lost. */
  resumed(): void;
}

/**
 * Fan-out of Redis pub/sub to in-process listeners over one subscriber connection, so a
 * thousand subscriptions cost one Redis connection per process, not a thousand.
 */
export class RedisPubSub {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Announcements Redis did not take, by topic, oldest topic first; sent again once it answers. */
  private readonly held = new Map<string, unknown[]>();

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    this.publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.subscriber = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
    this.subscriber.on('message', (channel: string, message: string) => {
      const listeners = this.listeners.get(channel);
      if (!listeners?.size) return;
      // Parsed once for every listener: a hundred watchers of a run must not mean a hundred parses.
      // Listeners treat messages as immutable.
      const parsed: unknown = JSON.parse(message);
      for (const listener of listeners) listener.message(parsed);
    });
    onReconnect(this.subscriber, () => void this.resubscribed());
    onReconnect(this.publisher, () => void this.announceHeld());
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.log.warn({ err: error }, 'redis pub/sub connection error'));
    }
  }

  async connect(): Promise<void> {
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
  }

  /**
   * Announces state that is already committed to Postgres, in order, in one round trip. With
   * Redis away the announcement is held, not the state lost: the failure is logged, never thrown,
   * so the change that was made is not reported as failed, and what was not announced goes out
   * ahead of the topic's next announcement or when this process's connection to Redis is back,
   * whichever comes first. Listeners take a message twice in their stride (a run's by seq, the
   * others re-read what they name); those whose own connection dropped catch up through `onResume`.
   */
  async announce(topic: string, payloads: readonly unknown[]): Promise<void> {
    const held = this.held.get(topic) ?? [];
    this.held.delete(topic);
    const all = held.length ? [...held, ...payloads] : payloads;
    try {
      await this.publishMany(topic, all);
    } catch (error) {
      this.hold(topic, all);
      this.log.warn(
        { err: error, topic },
        'publishing on Redis failed; the state is committed, and it is announced once Redis answers',
      );
    }
  }

  /** Publishes several messages on one topic in one round trip, in order. */
  private async publishMany(topic: string, payloads: readonly unknown[]): Promise<void> {
    const channel = this.channel(topic);
    const pipeline = this.publisher.pipeline();
    for (const payload of payloads) pipeline.publish(channel, JSON.stringify(payload));
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  /**
   * Listens on a topic. Messages that arrive before the consumer asks for them are buffered, so
   * a caller can subscribe first and read a backlog from the database second without a gap.
   * `ready` resolves once Redis has confirmed the subscription. Messages published while the
   * subscriber connection was down (Redis restarting) are lost; `onResume` gives the message to
   * deliver instead once it is back, for a consumer that catches up from the database.
   */
  subscribe<T>(topic: string, options: { onResume?: () => T } = {}): Subscription<T> {
    const channel = this.channel(topic);
    const subscription = new Subscription<T>(() => this.removeListener(channel, listener));
    const listener: Listener = {
      message: (message) => subscription.push(message as T),
      resumed: () => {
        if (options.onResume) subscription.push(options.onResume());
      },
    };
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    subscription.ready =
      set.size === 1 ? this.subscriber.subscribe(channel).then(() => undefined) : Promise.resolve();
    return subscription;
  }

  /**
   * Keeps what Redis did not take, bounded: a run's listeners need only its newest events to see a
   * gap and read the rest from the log, and the other topics carry ids to re-read.
   */
  private hold(topic: string, payloads: readonly unknown[]): void {
    const kept = [...(this.held.get(topic) ?? []), ...payloads].slice(-HELD_PER_TOPIC);
    this.held.delete(topic);
    this.held.set(topic, kept);
    for (const oldest of this.held.keys()) {
      if (this.held.size <= HELD_TOPICS) break;
      this.held.delete(oldest);
    }
  }

  /** After the publisher reconnects: everything held goes out, topic by topic. */
  private async announceHeld(): Promise<void> {
    const topics = [...this.held.keys()];
    if (topics.length)
      this.log.info({ topics: topics.length }, 'redis publisher reconnected; sending held announcements');
    for (const topic of topics) await this.announce(topic, []);
  }

  async ping(): Promise<void> {
    await this.publisher.ping();
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }

  /**
   * After a reconnect ioredis subscribes to the channels again; confirming them here first means
   * that whatever a consumer reads from the database on `resumed` is followed by every later
   * message.
   */
  private async resubscribed(): Promise<void> {
    const channels = [...this.listeners.keys()];
    if (channels.length) {
      try {
        await this.subscriber.subscribe(...channels);
      } catch (error) {
        // Down again: the next 'ready' tries once more.
        this.log.warn({ err: error }, 'resubscribing after a Redis reconnect failed');
        return;
      }
    }
    this.log.info({ channels: channels.length }, 'redis pub/sub reconnected; subscribers catch up');
    for (const channel of channels) {
      for (const listener of this.listeners.get(channel) ?? []) listener.resumed();
    }
  }

  private removeListener(channel: string, listener: Listener): void {
    const set = this.listeners.get(channel);
    if (!set) return;
    set.delete(listener);
    if (set.size === 0) {
      this.listeners.delete(channel);
      this.subscriber
        .unsubscribe(channel)
        .catch((error: unknown) => this.log.warn({ err: error }, 'unsubscribe failed'));
    }
  }

  private channel(topic: string): string {
    return `${this.prefix}:${topic}`;
  }
}

/** Calls `action` each time `client` is ready again after a lost connection (not on the first). */
function onReconnect(client: Redis, action: () => void): void {
  let connectedBefore = false;
  client.on('ready', () => {
    if (connectedBefore) action();
    connectedBefore = true;
  });
}

/** An async iterable over one topic's messages; `return()` (e.g. a client unsubscribing) detaches it. */
export class Subscription<T> implements AsyncIterableIterator<T> {
  ready: Promise<void> = Promise.resolve();
  private readonly buffer: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private closed = false;

  constructor(private readonly detach: () => void) {}

  push(value: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value, done: false });
    } else {
      this.buffer.push(value);
    }
  }

  next(): Promise<IteratorResult<T>> {
    const value = this.buffer.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.closed) {
      this.closed = true;
      this.buffer.length = 0;
      this.detach();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = null;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

type Listener = (message: unknown) => void;

/**
 * Fan-out of Redis pub/sub to in-process listeners over one subscriber connection, so a
 * thousand subscriptions cost one Redis connection per process, not a thousand.
 */
export class RedisPubSub {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, Set<Listener>>();

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
      for (const listener of listeners) listener(parsed);
    });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.log.warn({ err: error }, 'redis pub/sub connection error'));
    }
  }

  async connect(): Promise<void> {
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    await this.publisher.publish(this.channel(topic), JSON.stringify(payload));
  }

  /** Publishes several messages on one topic in one round trip, in order. */
  async publishMany(topic: string, payloads: readonly unknown[]): Promise<void> {
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
   * `ready` resolves once Redis has confirmed the subscription.
   */
  subscribe<T>(topic: string): Subscription<T> {
    const channel = this.channel(topic);
    const subscription = new Subscription<T>(() => this.removeListener(channel, listener));
    const listener: Listener = (message) => subscription.push(message as T);
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

  async ping(): Promise<void> {
    await this.publisher.ping();
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
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

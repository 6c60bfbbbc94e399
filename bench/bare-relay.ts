import { Redis } from 'ioredis';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { preciseNowMs as nowMs } from '../executor/src/runs/precise-time.js';

/**
 * The baseline: the least a live relay can do. A message is published on Redis, a subscriber
 * forwards the same bytes to WebSocket clients. No persistence, no GraphQL.
 */
export class BareRelay {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly server: WebSocketServer;
  /** The Redis channel it forwards; unique per relay, so several can share one Redis. */
  readonly channel = `bench:relay:${process.pid}:${Math.random().toString(36).slice(2)}`;
  private readonly listening: Promise<void>;

  private constructor(redisUrl: string) {
    this.publisher = new Redis(redisUrl);
    this.subscriber = new Redis(redisUrl);
    this.server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    this.listening = new Promise((resolve) => this.server.once('listening', () => resolve()));
    this.subscriber.on('message', (_channel: string, message: string) => {
      for (const client of this.server.clients) client.send(message);
    });
  }

  static async start(redisUrl: string): Promise<BareRelay> {
    const relay = new BareRelay(redisUrl);
    await relay.subscriber.subscribe(relay.channel);
    await relay.listening;
    return relay;
  }

  async connect(count: number, onMessage: (client: number, data: string) => void): Promise<WebSocket[]> {
    const port = (this.server.address() as AddressInfo).port;
    return Promise.all(
      Array.from(
        { length: count },
        (_, index) =>
          new Promise<WebSocket>((resolve) => {
            const socket = new WebSocket(`ws://127.0.0.1:${port}`);
            socket.on('message', (data: Buffer) => onMessage(index, data.toString()));
            socket.once('open', () => resolve(socket));
          }),
      ),
    );
  }

  /**
   * Latencies of messages stamped `{ t }` (from `preciseNowMs`) to their arrival at one WebSocket
   * client, while `send` makes them; resolves once `count` have arrived. `failure` is asked while
   * waiting, so a sender that broke after `send` returned does not leave it waiting for ever.
   */
  async timeArrivals(
    count: number,
    send: () => Promise<void>,
    failure: () => Error | null = () => null,
  ): Promise<number[]> {
    const samples: number[] = [];
    const sockets = await this.connect(1, (_client, data) => {
      samples.push(nowMs() - (JSON.parse(data) as { t: number }).t);
    });
    try {
      await send();
      while (samples.length < count) {
        const failed = failure();
        if (failed) throw failed;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return samples;
    } finally {
      for (const socket of sockets) socket.close();
    }
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  publish(message: string): Promise<number> {
    return this.publisher.publish(this.channel, message);
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all([this.publisher.quit(), this.subscriber.quit()]);
  }
}

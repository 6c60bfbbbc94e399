import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findFreePort } from '../../../scripts/lib/ports.mjs';

/**
 * A Redis server of this test file's own, durable as deployed (append-only file), so a test can
 * restart it or kill it, on the same port and with the same data, without touching anyone else's.
 */
export class RedisProcess {
  port = 0;
  private dir = '';
  private child: ChildProcess | null = null;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (!this.dir) this.dir = await mkdtemp(join(tmpdir(), 'ab-redis-'));
    if (!this.port) this.port = await findFreePort();
    const settings = {
      port: String(this.port),
      bind: '127.0.0.1',
      dir: this.dir,
      'maxmemory-policy': 'noeviction',
      appendonly: 'yes',
      save: '',
    };
    const child = spawn(
      'redis-server',
      Object.entries(settings).flatMap(([name, value]) => [`--${name}`, value]),
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await this.ready(child, () => output);
    return this;
  }

  /**
   * Stops the server: SIGTERM shuts it down cleanly (the append-only file flushed), SIGKILL is a
   * crash (up to a second of writes lost, as `appendfsync everysec` allows).
   */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }

  /** Until the server answers PING after loading its data; fails if it exits first. */
  private async ready(child: ChildProcess, output: () => string): Promise<void> {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`redis-server exited with ${child.exitCode ?? child.signalCode}:\n${output()}`);
      }
      const client = new Redis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      // A refused connection also comes as an event; the rejected connect() below is what counts.
      client.on('error', () => undefined);
      try {
        await client.connect();
        if ((await client.ping()) === 'PONG') return;
      } catch {
        // Not listening yet, or still loading its data.
      } finally {
        client.disconnect();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

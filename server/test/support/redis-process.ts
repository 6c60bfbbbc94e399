import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../../scripts/lib/ports.mjs';
import { redisPing, waitUntil } from '../../../scripts/lib/probes.mjs';
import { watchChild } from './child-output.js';

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
    // Until it answers PING after loading its data (a loading Redis answers -LOADING).
    await waitUntil(() => redisPing(this.port), {
      what: 'redis-server',
      timeoutMs: 60_000,
      intervalMs: 50,
      failedBecause: watchChild(child, 'redis-server').exitedBecause,
    });
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
}

import { spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findFreePort } from '../../../scripts/lib/ports.mjs';
import { waitUntil } from '../../../scripts/lib/probes.mjs';
import { initCluster, newestPostgresBinDir, postgresOsUser } from '../../../scripts/lib/postgres.mjs';
import type { Config } from '../../src/config.js';
import { MikroORM } from '@mikro-orm/postgresql';
import { migrate, ormConfig } from '../../src/db/orm.js';
import { seed } from '../../src/seed.js';
import { watchChild } from './child-output.js';

const DATABASE = 'agentbench';

/**
 * A PostgreSQL server of this test file's own, durable as deployed (fsync on), so a test can shut
 * it down or crash it and start it again on the same port with the same data, without touching
 * the server the other test files share.
 */
export class PostgresProcess {
  port = 0;
  private dir = '';
  private child: ChildProcess | null = null;
  private readonly osUser = postgresOsUser();

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${DATABASE}`;
  }

  /** The server's own database, there before the test's is created. */
  private get maintenanceUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Starts the server; the first start creates the cluster and a migrated, seeded database. */
  async start(config: Config): Promise<this> {
    const binDir = newestPostgresBinDir();
    if (!binDir) throw new Error('no PostgreSQL server is installed');
    const fresh = !this.dir;
    if (fresh) {
      const parent = await mkdtemp(join(tmpdir(), 'ab-postgres-'));
      if (this.osUser) await chown(parent, this.osUser.uid, this.osUser.gid);
      this.dir = join(parent, 'cluster');
      await initCluster(binDir, this.dir, this.osUser);
    }
    if (!this.port) this.port = await findFreePort();
    const child = spawn(
      join(binDir, 'postgres'),
      ['-D', this.dir, '-p', String(this.port), '-k', '', '-c', 'listen_addresses=127.0.0.1'],
      // Its own process group, so that a crash can take the server and its backends at once.
      { ...this.osUser, cwd: '/', detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    // Until it accepts a connection, which it refuses while starting or recovering.
    await waitUntil(() => this.answers(), {
      what: 'postgres',
      timeoutMs: 60_000,
      intervalMs: 100,
      failedBecause: watchChild(child, 'postgres').exitedBecause,
    });
    if (fresh) await this.prepareDatabase(config);
    return this;
  }

  /**
   * SIGINT is Postgres' fast shutdown (sessions ended, a checkpoint written); SIGKILL to the whole
   * process group is a crash, after which the next start replays the write-ahead log.
   */
  async stop(signal: 'SIGINT' | 'SIGKILL' = 'SIGINT'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (signal === 'SIGKILL') process.kill(-child.pid, 'SIGKILL');
    else child.kill(signal);
    await exited;
    // Backends orphaned by a crash exit on their own once they notice; a restart waits for them.
    if (signal === 'SIGKILL') await this.untilGroupGone(child.pid);
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (this.dir) await rm(join(this.dir, '..'), { recursive: true, force: true });
  }

  private async prepareDatabase(config: Config): Promise<void> {
    const admin = new pg.Client({ connectionString: this.maintenanceUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await admin.end();
    }
    // Quiet: the migrator would log every migration into the test's output.
    const orm = await MikroORM.init({ ...ormConfig(this.url, { poolMax: 2 }), logger: () => undefined });
    try {
      await migrate(orm);
      await seed(orm, config);
    } finally {
      await orm.close();
    }
  }

  private async answers(): Promise<boolean> {
    const client = new pg.Client({
      connectionString: this.maintenanceUrl,
      connectionTimeoutMillis: 1000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async untilGroupGone(pgid: number): Promise<void> {
    for (;;) {
      try {
        process.kill(-pgid, 0);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

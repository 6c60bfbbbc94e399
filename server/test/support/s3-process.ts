import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '0.0.0.0', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** One request the S3 server answered (with `logRequests`). */
export interface S3Request {
  method: string;
  path: string;
  status: number;
}

const REQUEST_LINE = /^s3 request (\S+) (\S+) (\d+)$/;

/**
 * An S3 server of this test file's own (scripts/s3-server.mjs), so a test can take storage away
 * and bring it back, on the same port and with the same data, without touching anyone else's.
 */
export class S3Process {
  port = 0;
  /** With `logRequests`: every request answered so far, in order (the bench counts a sync's). */
  readonly requests: S3Request[] = [];
  private dir = '';
  private child: ChildProcess | null = null;

  constructor(private readonly options: { logRequests?: boolean } = {}) {}

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (!this.dir) this.dir = await mkdtemp(join(tmpdir(), 'ab-s3-'));
    if (!this.port) this.port = await freePort();
    const child = spawn(
      process.execPath,
      [
        `${ROOT}scripts/s3-server.mjs`,
        '--port',
        String(this.port),
        '--directory',
        this.dir,
        '--bucket',
        'agentbench',
        '--address',
        '0.0.0.0',
        ...(this.options.logRequests ? ['--log-requests'] : []),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    let output = '';
    let partial = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop()!;
        for (const line of lines) {
          const request = REQUEST_LINE.exec(line);
          if (request)
            this.requests.push({ method: request[1]!, path: request[2]!, status: Number(request[3]) });
          else output += `${line}\n`;
          if (line.startsWith('s3 ready')) resolve();
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`s3 server exited with ${code}:\n${output}`)));
    });
    return this;
  }

  /** Takes storage away: the process ends and its port refuses connections. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}

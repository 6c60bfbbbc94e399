import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface OpencodeServer {
  url: string;
  /** Stops the server and resolves once it has exited. */
  close(): Promise<void>;
}

/** A free loopback port: `opencode serve --port=0` falls back to its fixed default port (4096). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

/**
 * Starts `opencode serve` on a free loopback port with exactly the given environment (the SDK's
 * own launcher would inherit the executor's), and resolves once it prints where it listens.
 */
export async function startOpencodeServer(
  binary: string,
  env: Record<string, string>,
  cwd: string,
  timeoutMs = 20_000,
): Promise<OpencodeServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(binary, ['serve', '--hostname=127.0.0.1', `--port=${port}`], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`opencode serve did not start within ${timeoutMs} ms: ${output.slice(-1000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /opencode server listening on\s+(https?:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve({ url: match[1]!, close });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`opencode serve exited (${signal ?? `code ${code}`}): ${output.slice(-1000)}`));
    });
  });
}

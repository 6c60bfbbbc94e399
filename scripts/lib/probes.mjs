import { request } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

// Polls `check` until it returns a truthy value. `failedBecause` lets a dead child end the
// wait at once instead of after the whole timeout.
export async function waitUntil(check, { what, timeoutMs, intervalMs = 200, failedBecause = () => null }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = failedBecause();
    if (reason) throw new Error(`${what}: ${reason}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${Math.round(timeoutMs / 1000)}s`);
    await sleep(intervalMs);
  }
}

// Resolves the HTTP status, or 0 if nothing answered.
export function httpStatus(url, { socketPath, timeoutMs = 2000 } = {}) {
  return new Promise((resolve) => {
    const target = new URL(url);
    const req = request(
      {
        socketPath,
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

// A Redis that is still loading its append-only file answers -LOADING, not +PONG.
export function redisPing(port, host = '127.0.0.1', timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    let reply = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.on('error', () => done(false));
  });
}

export const exitReason = (handle) => () =>
  handle.exit ? `${handle.name} exited (${handle.exit.signal ?? `code ${handle.exit.code}`})` : null;

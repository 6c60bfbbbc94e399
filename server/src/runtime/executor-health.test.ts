import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nextBackoff, probeExecutorHealth, waitForExecutorHealth } from './executor-health.js';

let server: Server | null = null;

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

/** A stand-in that answers health only with the token, and only after `readyAfter` requests. */
async function standIn(token: string, readyAfter = 0): Promise<string> {
  let requests = 0;
  server = createServer((request, response) => {
    requests++;
    if (request.headers.authorization !== `Bearer ${token}`) return void response.writeHead(401).end();
    if (requests <= readyAfter) return void response.writeHead(503).end();
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ok: true, protocolVersion: 1, runs: [] }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
}

describe('executor health', () => {
  it('backs off from short waits up to a ceiling', () => {
    expect(nextBackoff(0)).toBe(20);
    expect(nextBackoff(20)).toBe(40);
    expect(nextBackoff(400)).toBe(500);
    expect(nextBackoff(500)).toBe(500);
  });

  it('answers ok only for the right token', async () => {
    const url = await standIn('right');
    expect(await probeExecutorHealth(url, 'right')).toEqual({ ok: true });
    expect(await probeExecutorHealth(url, 'wrong')).toEqual({
      ok: false,
      reason: 'GET /health answered HTTP 401',
    });
  });

  it('waits until the executor is ready', async () => {
    const url = await standIn('t', 3);
    const result = await waitForExecutorHealth({ url, token: 't', timeoutMs: 5_000 });
    expect(result).toEqual({ ok: true, probes: 4 });
  });

  it('stops waiting as soon as the executor is gone, and at the deadline', async () => {
    const gone = await waitForExecutorHealth({
      url: 'http://127.0.0.1:9',
      token: 't',
      timeoutMs: 10_000,
      gone: () => Promise.resolve('the container stopped (exit code 1)'),
    });
    expect(gone).toMatchObject({ ok: false, reason: expect.stringContaining('exit code 1') });

    const started = Date.now();
    const late = await waitForExecutorHealth({ url: 'http://127.0.0.1:9', token: 't', timeoutMs: 300 });
    expect(late).toMatchObject({ ok: false, reason: expect.stringContaining('within 300 ms') });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

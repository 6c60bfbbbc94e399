import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { coalesceWrites } from './coalesced-writes.js';

/** Counts the writes that reach the kernel: Node's stream calls `_writev`/`_write` once per flush. */
function countFlushes(socket: Socket): { count: number } {
  const counter = { count: 0 };
  const target = socket as unknown as Record<'_writev' | '_write', (...args: unknown[]) => unknown>;
  for (const method of ['_writev', '_write'] as const) {
    const original = target[method].bind(socket);
    target[method] = (...args: unknown[]) => {
      counter.count++;
      return original(...args);
    };
  }
  return counter;
}

describe('coalesced WebSocket writes', () => {
  let server: WebSocketServer | null = null;
  afterEach(async () => {
    for (const client of server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  async function connect(coalesce: boolean) {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => server!.once('listening', resolve));
    if (coalesce) coalesceWrites(server);
    const serverSide = new Promise<{ socket: WebSocket; flushes: { count: number } }>((resolve) =>
      server!.once('connection', (socket, request) =>
        resolve({ socket, flushes: countFlushes(request.socket) }),
      ),
    );
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const received: string[] = [];
    client.on('message', (data: Buffer) => received.push(data.toString()));
    await new Promise((resolve) => client.once('open', resolve));
    return { ...(await serverSide), received };
  }

  async function burstThenOne(socket: WebSocket, received: string[]) {
    // A burst within one turn (as a batch of run events arrives), partly from microtasks.
    for (let i = 0; i < 100; i++) socket.send(`event ${i}`);
    await Promise.resolve();
    for (let i = 100; i < 200; i++) socket.send(`event ${i}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A lone event in a later turn leaves without waiting for more.
    socket.send('event 200');
    await expect.poll(() => received.length).toBe(201);
  }

  it('sends a burst of frames in one write, in order, and a later frame on its own', async () => {
    const { socket, flushes, received } = await connect(true);
    await burstThenOne(socket, received);
    expect(received).toEqual(Array.from({ length: 201 }, (_, i) => `event ${i}`));
    expect(flushes.count).toBe(2);
  });

  it('without it, every frame is a write of its own', async () => {
    const { socket, flushes, received } = await connect(false);
    await burstThenOne(socket, received);
    expect(flushes.count).toBeGreaterThan(100);
  });
});

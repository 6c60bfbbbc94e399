import type { WebSocketServer } from 'ws';

type Send = (...args: unknown[]) => void;

/**
 * Frames a WebSocket sends within one turn of the event loop leave in one write. A batch of run
 * events reaches every subscriber as a burst of small frames; written one by one, each costs a
 * syscall of its own, and with a hundred subscribers those syscalls, not GraphQL, bound the
 * events per second. The socket is corked at the first frame of a turn and uncorked once the
 * turn's microtasks have run (process.nextTick queued from a microtask runs after them), so a
 * lone event is not held back.
 */
export function coalesceWrites(server: WebSocketServer): void {
  server.on('connection', (socket, request) => {
    const raw = request.socket;
    const send = socket.send.bind(socket) as Send;
    let corked = false;
    const flush = () => {
      corked = false;
      if (!raw.destroyed) raw.uncork();
    };
    (socket as unknown as { send: Send }).send = (...args: unknown[]) => {
      if (!corked && !raw.destroyed) {
        raw.cork();
        corked = true;
        process.nextTick(flush);
      }
      send(...args);
    };
  });
}

import type { ServerResponse } from 'node:http';
import type { EventLog } from '../runs/event-log.js';

/**
 * Streams a run's events after `after` as NDJSON, live, ending after `run.finished`. A client that
 * goes away only stops its own stream: the run goes on, and a new reader attaches with `after`.
 */
export function streamEvents(response: ServerResponse, events: EventLog, after: number): void {
  response.writeHead(200, {
    'content-type': 'application/x-ndjson',
    'cache-control': 'no-store',
    // Proxies (nginx) must pass lines through as they come.
    'x-accel-buffering': 'no',
  });
  response.flushHeaders();
  const stop = events.follow(after, {
    event: (event) => {
      if (!response.destroyed) response.write(`${JSON.stringify(event)}\n`);
    },
    end: () => response.end(),
  });
  response.on('close', stop);
}

import type { ExecutorEvent, ExecutorEventBody } from '../protocol.js';
import { preciseIsoNow } from './precise-time.js';

/** A reader of a run's events: `event` for each one in seq order, then `end` once after `run.finished`. */
export interface EventReader {
  event(event: ExecutorEvent): void;
  end(): void;
}

/**
 * One run's events: numbers them (seq from 1, no gaps), keeps them until the worker acknowledges
 * them, and feeds live readers. Replay and subscription happen in one synchronous call, so a reader
 * attaching mid-run can neither miss an event nor see one twice.
 */
export class EventLog {
  private readonly events: ExecutorEvent[] = [];
  private readonly readers = new Set<EventReader>();

  constructor(private readonly now: () => string = preciseIsoNow) {}

  get lastSeq(): number {
    return this.events.length;
  }

  /** True once `run.finished` is in the log; nothing can be appended after it. */
  get finished(): boolean {
    return this.events.at(-1)?.type === 'run.finished';
  }

  append(body: ExecutorEventBody): ExecutorEvent {
    if (this.finished) throw new Error(`event ${body.type} after run.finished`);
    const event: ExecutorEvent = { ...body, seq: this.events.length + 1, at: this.now() };
    this.events.push(event);
    // A copy: a reader that ends (and unsubscribes) while we iterate must not skip its neighbour.
    for (const reader of [...this.readers]) this.deliver(reader, event);
    return event;
  }

  /** Replays the events after `after`, then follows live ones; returns the function that stops following. */
  follow(after: number, reader: EventReader): () => void {
    for (const event of this.events) {
      if (event.seq > after) reader.event(event);
    }
    if (this.finished) {
      reader.end();
      return () => {};
    }
    // A caller ahead of the log (it cannot know more than we sent, but the number is its word) gets
    // nothing twice: live events at or below its seq are skipped too.
    const live: EventReader = {
      event: (event) => {
        if (event.seq > after) reader.event(event);
      },
      end: () => reader.end(),
    };
    this.readers.add(live);
    return () => this.readers.delete(live);
  }

  private deliver(reader: EventReader, event: ExecutorEvent): void {
    try {
      reader.event(event);
      if (event.type === 'run.finished') {
        this.readers.delete(reader);
        reader.end();
      }
    } catch {
      // A broken reader (a dead socket) must not stop the run or starve the other readers.
      this.readers.delete(reader);
    }
  }
}

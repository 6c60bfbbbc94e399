import { describe, expect, it } from 'vitest';
import type { ExecutorEvent } from '../protocol.js';
import { EventLog } from './event-log.js';

function collect(log: EventLog, after: number): { seqs: number[]; ended: () => boolean; stop: () => void } {
  const seqs: number[] = [];
  let ended = false;
  const stop = log.follow(after, {
    event: (event: ExecutorEvent) => seqs.push(event.seq),
    end: () => (ended = true),
  });
  return { seqs, ended: () => ended, stop };
}

describe('EventLog', () => {
  it('numbers events from 1 and gives each reader the buffered ones after its seq, then the live ones', () => {
    const log = new EventLog(() => new Date(0).toISOString());
    expect(log.append({ type: 'run.started', provider: 'scripted', model: 'm' })).toEqual({
      type: 'run.started',
      provider: 'scripted',
      model: 'm',
      seq: 1,
      at: '1970-01-01T00:00:00.000Z',
    });
    log.append({ type: 'text.delta', text: 'a' });
    const fromStart = collect(log, 0);
    const late = collect(log, 2);
    log.append({ type: 'text.delta', text: 'b' });
    log.append({ type: 'run.finished', status: 'succeeded' });
    expect(fromStart.seqs).toEqual([1, 2, 3, 4]);
    expect(late.seqs).toEqual([3, 4]);
    expect(fromStart.ended() && late.ended()).toBe(true);
  });

  it('ends a reader at once when it already has everything of a finished run, and refuses later events', () => {
    const log = new EventLog();
    log.append({ type: 'run.finished', status: 'canceled' });
    const reader = collect(log, 1);
    expect(reader.seqs).toEqual([]);
    expect(reader.ended()).toBe(true);
    expect(() => log.append({ type: 'text.delta', text: 'late' })).toThrow(/after run.finished/);
  });

  it('never gives a reader an event at or below the seq it says it has', () => {
    const log = new EventLog();
    log.append({ type: 'text.delta', text: 'a' });
    const ahead = collect(log, 2);
    log.append({ type: 'text.delta', text: 'b' });
    log.append({ type: 'text.delta', text: 'c' });
    expect(ahead.seqs).toEqual([3]);
  });

  it('keeps feeding other readers when one stops or breaks', () => {
    const log = new EventLog();
    const stopped = collect(log, 0);
    log.follow(0, {
      event: () => {
        throw new Error('socket gone');
      },
      end: () => {},
    });
    const healthy = collect(log, 0);
    log.append({ type: 'text.delta', text: 'a' });
    stopped.stop();
    log.append({ type: 'text.delta', text: 'b' });
    expect(stopped.seqs).toEqual([1]);
    expect(healthy.seqs).toEqual([1, 2]);
  });
});

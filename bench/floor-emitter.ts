// The executor's stand-in for the persist-then-publish floor: a process of its own that writes one
// NDJSON line per tick to the relay, stamped with its emit time, as the executor streams a run. It
// stays up between rounds, as the executor does between runs, so every round finds it warm.
import { connect, type Socket } from 'node:net';
import { preciseNowMs as nowMs } from '../executor/src/runs/precise-time.js';

export type FloorEmitterCommand =
  { type: 'connect'; port: number; pauseMs: number; padding: string } | { type: 'emit'; ticks: number };

export type FloorEmitterMessage = { type: 'connected' } | { type: 'emitted' };

const reply = (message: FloorEmitterMessage) => process.send!(message);

let socket: Socket | undefined;
let pauseMs = 0;
let padding = '';
// Numbered across rounds: the relay's table keys events by seq.
let seq = 0;

async function emit(ticks: number): Promise<void> {
  for (let tick = 0; tick < ticks; tick++) {
    socket!.write(`${JSON.stringify({ seq: ++seq, t: nowMs(), padding })}\n`);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  reply({ type: 'emitted' });
}

process.on('message', (command: FloorEmitterCommand) => {
  if (command.type === 'connect') {
    ({ pauseMs, padding } = command);
    socket = connect(command.port, '127.0.0.1', () => reply({ type: 'connected' }));
    socket.on('error', (error) => {
      console.error(`floor emitter: ${error.message}`);
      process.exit(1);
    });
  } else void emit(command.ticks);
});

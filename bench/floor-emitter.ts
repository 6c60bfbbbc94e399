// The executor's stand-in for the persist-then-publish floor: a process of its own that writes one
// NDJSON line per tick to the relay, stamped with its emit time, as the executor streams a run.
import { connect } from 'node:net';
import { preciseNowMs as nowMs } from '../executor/src/runs/precise-time.js';

export interface FloorEmitterCommand {
  port: number;
  ticks: number;
  pauseMs: number;
  padding: string;
}

process.once('message', (command: FloorEmitterCommand) => {
  const emit = async () => {
    for (let seq = 1; seq <= command.ticks; seq++) {
      socket.write(`${JSON.stringify({ seq, t: nowMs(), padding: command.padding })}\n`);
      await new Promise((resolve) => setTimeout(resolve, command.pauseMs));
    }
    socket.end(() => process.exit(0));
  };
  const socket = connect(command.port, '127.0.0.1', () => void emit());
  socket.on('error', (error) => {
    console.error(`floor emitter: ${error.message}`);
    process.exit(1);
  });
});

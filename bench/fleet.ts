import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FleetCommand, FleetMessage, FleetReport } from './subscriber-fleet.js';

const FLEET_ENTRY = fileURLToPath(new URL('./subscriber-fleet.ts', import.meta.url));

/** Starts a subscriber fleet in its own process; `ready` once raw sockets are open, `report` at the end. */
export function startFleet(command: FleetCommand): { ready: Promise<void>; report: Promise<FleetReport> } {
  const child = fork(FLEET_ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const report = new Promise<FleetReport>((resolve, reject) => {
    child.on('message', (message: FleetMessage) => {
      if (message.type === 'ready') onReady();
      else if (message.type === 'report') resolve(message.report);
      else reject(new Error(`subscriber fleet: ${message.message}`));
    });
    child.once('exit', (code) => reject(new Error(`subscriber fleet exited with ${code}`)));
  });
  child.send(command);
  return { ready, report };
}

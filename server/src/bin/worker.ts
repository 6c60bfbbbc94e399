// The job worker role: runs queued jobs and scheduled sweeps.
import { startWorkers } from '../../../jobs/src/worker.js';
import { runRole } from './run-role.js';

await runRole('worker', (services) => startWorkers(services));

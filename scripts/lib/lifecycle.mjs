import { warn } from './log.mjs';
import { Supervisor } from './supervisor.mjs';

// The same Ctrl-C usually arrives several times at once: from the terminal, relayed by npm
// and by the Node 20 parent. Repeats within this window are one request.
const REPEAT_WINDOW_MS = 1500;

export function createLifecycle({
  dataDir,
  exitCodeOnSignal = (signal) => (signal === 'SIGINT' ? 130 : 143),
} = {}) {
  const supervisor = new Supervisor({ dataDir });
  const cleanups = [];
  let shutdownPromise = null;
  let interruptedBy = null;
  let firstSignalAt = 0;

  const shutdown = () =>
    (shutdownPromise ??= (async () => {
      await supervisor.stopAll();
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch (err) {
          warn(`cleanup failed: ${err.message}`);
        }
      }
    })());

  const onSignal = (signal) => {
    if (!interruptedBy) {
      interruptedBy = signal;
      firstSignalAt = Date.now();
      console.log(`\n${signal}: stopping everything (press Ctrl-C again to force)`);
      void shutdown().then(() => process.exit(exitCodeOnSignal(signal)));
    } else if (Date.now() - firstSignalAt > REPEAT_WINDOW_MS) {
      console.log('forcing: killing all children');
      supervisor.killAll();
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal);
  // With npm gone, our stdout may be a pipe nobody reads; a failed write must not abort the
  // shutdown halfway.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  // `kill <npm pid>` (a CI timeout, a process manager) ends npm and its `sh -c`, but nothing
  // passes the signal on to us. Being orphaned is the only sign, and it means: stop.
  const parent = process.ppid;
  const orphanWatch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(orphanWatch);
    onSignal('SIGTERM');
  }, 500).unref();

  return {
    supervisor,
    addCleanup: (fn) => cleanups.push(fn),
    shutdown,
    get interrupted() {
      return interruptedBy !== null;
    },
  };
}

// Runs a mode's body, then stops everything it started and exits with its code. After a
// signal the signal path owns the exit; the body's own failures are then just fallout.
export async function runToCompletion(lifecycle, body) {
  let code;
  try {
    code = await body();
  } catch (err) {
    if (!lifecycle.interrupted) {
      console.log(`\n✘ ${err.message}`);
      code = 1;
    }
  }
  if (lifecycle.interrupted) return new Promise(() => {});
  await lifecycle.shutdown();
  process.exit(code);
}

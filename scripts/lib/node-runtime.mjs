import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { signalNumber } from './run-command.mjs';

export const REQUIRED_NODE_MAJOR = 22;
const REEXEC_MARKER = 'AGENTBENCH_BOOTSTRAP_REEXEC';

export function nodeMajor(version = process.versions.node) {
  return Number(version.split('.')[0]);
}

// The project runs on Node 22 from the `node` devDependency; the system Node may be older.
// Returns true when this process only relays to the re-executed one.
export function reexecOnProjectNodeIfOld(repoRoot) {
  if (nodeMajor() >= REQUIRED_NODE_MAJOR) {
    // Only meant for this process; a bootstrap started by one of our children starts afresh.
    delete process.env[REEXEC_MARKER];
    return false;
  }
  const projectNode = join(repoRoot, 'node_modules', 'node', 'bin', 'node');
  if (process.env[REEXEC_MARKER]) {
    throw new Error(`${projectNode} is not Node ${REQUIRED_NODE_MAJOR}+ (got ${process.version})`);
  }
  if (!existsSync(projectNode)) {
    throw new Error(
      `Node ${REQUIRED_NODE_MAJOR} is missing: ${projectNode} was not installed. ` +
        'Run `npm ci` and check that the `node` package install script ran.',
    );
  }
  const child = spawn(projectNode, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [REEXEC_MARKER]: '1' },
  });
  // The child usually gets terminal signals itself too; it treats repeats as one.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  // Killing npm does not signal us; being orphaned is the sign to stop (see lifecycle.mjs).
  const parent = process.ppid;
  const orphanWatch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(orphanWatch);
    child.kill('SIGTERM');
  }, 500).unref();
  child.on('exit', (code, signal) => process.exit(code ?? 128 + signalNumber(signal)));
  return true;
}

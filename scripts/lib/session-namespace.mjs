import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { which } from './run-command.mjs';

// A throwaway run (tests, benchmarks) gets a namespace of its own: its Redis keys and its session
// containers, volumes and networks never mix with a developer's `npm start`, and are removed at
// the end. The server uses REDIS_PREFIX for both.
export function throwawayNamespace() {
  return `t${randomBytes(4).toString('hex')}`;
}

// Removes every Docker resource the sessions of this namespace left behind.
export function removeNamespaceResources(namespace) {
  if (!which('docker')) return;
  const label = `label=agentbench.namespace=${namespace}`;
  const ids = (args) => {
    try {
      return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .split('\n')
        .filter(Boolean);
    } catch {
      return [];
    }
  };
  const remove = (args) => {
    try {
      execFileSync('docker', args, { stdio: 'ignore' });
    } catch {
      // already gone, or the engine is stopping: nothing left to do
    }
  };
  const containers = ids(['ps', '-aq', '--filter', label]);
  if (containers.length) remove(['rm', '-f', '-v', ...containers]);
  const volumes = ids(['volume', 'ls', '-q', '--filter', label]);
  if (volumes.length) remove(['volume', 'rm', '-f', ...volumes]);
  const networks = ids(['network', 'ls', '-q', '--filter', label]);
  if (networks.length) remove(['network', 'rm', ...networks]);
}

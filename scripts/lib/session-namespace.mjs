import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { which } from './run-command.mjs';

// A throwaway run (tests, benchmarks) gets a namespace of its own: its Redis keys and its session
// containers, volumes and networks never mix with a developer's `npm start`, and are removed at
// the end. The server uses REDIS_PREFIX for both.
export function throwawayNamespace() {
  return `t${randomBytes(4).toString('hex')}`;
}

// Removes every Docker resource the sessions of this namespace left behind, including those of
// namespaces nested in it (`<namespace>-<suffix>`, as each integration test file uses).
export function removeNamespaceResources(namespace) {
  if (!which('docker')) return;
  const ours = (ns) => ns === namespace || ns.startsWith(`${namespace}-`);
  const listed = (args) => {
    try {
      return execFileSync('docker', [...args, '--filter', 'label=agentbench.managed=true'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .split('\n')
        .map((line) => line.split(' '))
        .filter(([id, ns]) => id && ns && ours(ns))
        .map(([id]) => id);
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
  const format = (id) => ['--format', `{{.${id}}} {{.Label "agentbench.namespace"}}`];
  const containers = listed(['ps', '-a', ...format('ID')]);
  if (containers.length) remove(['rm', '-f', '-v', ...containers]);
  const volumes = listed(['volume', 'ls', ...format('Name')]);
  if (volumes.length) remove(['volume', 'rm', '-f', ...volumes]);
  const networks = listed(['network', 'ls', ...format('ID')]);
  if (networks.length) remove(['network', 'rm', ...networks]);
}

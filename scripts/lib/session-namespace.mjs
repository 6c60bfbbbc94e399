import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { which } from './run-command.mjs';
import { isRecordedProcessRunning, thisBootstrap } from './stale-processes.mjs';

// A throwaway run (tests, benchmarks) gets a namespace of its own: its Redis keys and its session
// containers, volumes and networks never mix with a developer's `npm start`, and are removed at
// the end. The server uses REDIS_PREFIX for both.
const THROWAWAY = /^t[0-9a-f]{8}$/;

export function throwawayNamespace() {
  return `t${randomBytes(4).toString('hex')}`;
}

// Which run owns each throwaway namespace, machine-wide: a run that was killed, or whose clone was
// deleted, cannot clean up after itself, and its networks would use up Docker's address pools.
const registryDir = () => join(tmpdir(), 'agentbench-namespaces');
const registryFile = (namespace) => join(registryDir(), `${namespace}.json`);

export function registerThrowawayNamespace(namespace) {
  mkdirSync(registryDir(), { recursive: true });
  writeFileSync(registryFile(namespace), JSON.stringify(thisBootstrap()));
}

export function unregisterThrowawayNamespace(namespace) {
  rmSync(registryFile(namespace), { force: true });
}

function ownerIsRunning(namespace) {
  try {
    return isRecordedProcessRunning(JSON.parse(readFileSync(registryFile(namespace), 'utf8')));
  } catch {
    return false;
  }
}

// A namespace of the throwaway form that no running bootstrap owns was left behind.
export function isOrphanedNamespace(namespace, isOwnerRunning = ownerIsRunning) {
  return THROWAWAY.test(namespace) && !isOwnerRunning(namespace);
}

// Removes the Docker resources of throwaway namespaces whose run is gone; returns those namespaces.
export function removeOrphanedNamespaces() {
  if (!which('docker')) return [];
  const namespaces = new Set(
    ['ps -a', 'volume ls', 'network ls']
      .flatMap((command) => listManaged(command.split(' ')))
      .map(([, namespace]) => namespace.split('-')[0]),
  );
  const orphaned = [...namespaces].filter((namespace) => isOrphanedNamespace(namespace));
  for (const namespace of orphaned) removeNamespaceResources(namespace);
  // Entries of runs that have ended, whether they left resources behind or not.
  for (const file of safeReaddir(registryDir())) {
    const namespace = file.replace(/\.json$/, '');
    if (!ownerIsRunning(namespace)) unregisterThrowawayNamespace(namespace);
  }
  return orphaned;
}

// Removes every Docker resource the sessions of this namespace left behind, including those of
// namespaces nested in it (`<namespace>-<suffix>`, as each integration test file uses).
export function removeNamespaceResources(namespace) {
  if (!which('docker')) return;
  const ours = (ns) => ns === namespace || ns.startsWith(`${namespace}-`);
  const idsOf = (args) =>
    listManaged(args)
      .filter(([, ns]) => ours(ns))
      .map(([id]) => id);
  const containers = idsOf(['ps', '-a']);
  if (containers.length) quietly(['rm', '-f', '-v', ...containers]);
  const volumes = idsOf(['volume', 'ls']);
  if (volumes.length) quietly(['volume', 'rm', '-f', ...volumes]);
  const networks = idsOf(['network', 'ls']);
  if (networks.length) quietly(['network', 'rm', ...networks]);
}

// `[id, namespace]` of each resource we manage that the listing command shows.
function listManaged(args) {
  const id = args[0] === 'volume' ? 'Name' : 'ID';
  try {
    return execFileSync(
      'docker',
      [
        ...args,
        '--filter',
        'label=agentbench.managed=true',
        '--format',
        `{{.${id}}} {{.Label "agentbench.namespace"}}`,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    )
      .split('\n')
      .map((line) => line.split(' '))
      .filter(([resource, value]) => resource && value);
  } catch {
    return [];
  }
}

function quietly(args) {
  try {
    execFileSync('docker', args, { stdio: 'ignore' });
  } catch {
    // already gone, or the engine is stopping: nothing left to do
  }
}

function safeReaddir(dir) {
  try {
    return readdirSync(dir).filter((file) => file.endsWith('.json'));
  } catch {
    return [];
  }
}

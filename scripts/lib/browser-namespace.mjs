// Chromium cancels every request in flight (net::ERR_NETWORK_CHANGED) when an address appears on
// or leaves any interface it can see, and the Docker engine adds a bridge with an address for
// every session's network and removes it with the session. A page loading while a test's session
// starts or goes would lose its scripts or stylesheets. So the browser tests run Chromium in a
// network namespace of its own, joined to this one by a veth pair: the workbench listens on the
// host end's address, and Docker's changes stay out of the browser's sight.
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { which } from './run-command.mjs';
import { isAlive } from './stale-processes.mjs';

const PREFIX = 'agentbench-browser-';

/** The name, interfaces and /30 of the namespace a bootstrap with this pid creates. */
export function namespacePlan(pid) {
  // 10.213.0.0/16 holds 16,384 blocks of four; two live bootstraps rarely share pid % 16384, and a
  // taken address is refused by `ip` rather than shared.
  const block = pid % 16_384;
  const base = `10.213.${Math.floor(block / 64)}.`;
  const offset = (block % 64) * 4;
  return {
    name: `${PREFIX}${pid}`,
    hostInterface: `abr${pid}h`,
    browserInterface: `abr${pid}b`,
    hostAddress: `${base}${offset + 1}`,
    browserAddress: `${base}${offset + 2}`,
  };
}

const ip = (args) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

/**
 * Namespaces that bootstraps killed outright left behind: their pid is gone, or is ours now (a
 * namespace of this process's name cannot be its own yet).
 */
function removeStale() {
  for (const line of ip(['netns', 'list']).split('\n')) {
    const name = line.split(' ', 1)[0];
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length));
    if (pid === process.pid || !isAlive(pid)) ip(['netns', 'delete', name]);
  }
}

/**
 * Creates the browser's namespace and a Chromium launcher that runs in it. Returns null, with the
 * reason, where that cannot be done (not root, no `ip`): the tests then share the host's network.
 */
export function createBrowserNamespace({ dataDir, chromium }) {
  if (process.getuid?.() !== 0) return { namespace: null, reason: 'not running as root' };
  if (!which('ip')) return { namespace: null, reason: 'the ip command (iproute2) is missing' };
  const plan = namespacePlan(process.pid);
  try {
    removeStale();
    ip(['netns', 'add', plan.name]);
    ip(['link', 'add', plan.hostInterface, 'type', 'veth', 'peer', 'name', plan.browserInterface]);
    ip(['link', 'set', plan.browserInterface, 'netns', plan.name]);
    ip(['addr', 'add', `${plan.hostAddress}/30`, 'dev', plan.hostInterface]);
    ip(['link', 'set', plan.hostInterface, 'up']);
    const inside = (args) => ip(['netns', 'exec', plan.name, 'ip', ...args]);
    inside(['addr', 'add', `${plan.browserAddress}/30`, 'dev', plan.browserInterface]);
    inside(['link', 'set', plan.browserInterface, 'up']);
    inside(['link', 'set', 'lo', 'up']);
  } catch (err) {
    removeBrowserNamespace(plan.name);
    return { namespace: null, reason: String(err.stderr || err.message).trim() };
  }
  // Playwright starts the browser from a path and talks to it over inherited pipes, which
  // `ip netns exec` keeps; `exec` keeps the pid, so closing the browser stops it.
  const launcher = join(dataDir, 'chromium-in-namespace.sh');
  writeFileSync(launcher, `#!/bin/sh\nexec ip netns exec '${plan.name}' '${chromium}' "$@"\n`);
  chmodSync(launcher, 0o755);
  return { namespace: { name: plan.name, hostAddress: plan.hostAddress, launcher }, reason: null };
}

/** Deleting the namespace deletes the veth pair with it. */
export function removeBrowserNamespace(name) {
  try {
    ip(['netns', 'delete', name]);
  } catch {
    // never created, or already gone
  }
}

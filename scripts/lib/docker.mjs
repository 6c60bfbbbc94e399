import { existsSync, readFileSync } from 'node:fs';
import { exitReason, httpStatus, waitUntil } from './probes.mjs';
import { which } from './run-command.mjs';

const SOCKET = '/var/run/docker.sock';

export const dockerPackage = {
  name: 'Docker engine (dockerd)',
  aptPackage: 'docker.io',
  isPresent: () => which('dockerd') !== null,
};

export async function dockerAnswers(socketPath = SOCKET) {
  return (await httpStatus('http://docker/_ping', { socketPath })) === 200;
}

// Decides whether the local daemon must be started; the caller installs dockerd first if so.
export async function dockerNeedsStarting(userEnv) {
  if (userEnv.DOCKER_HOST || userEnv.SESSION_RUNTIME === 'process') return false;
  return !(await dockerAnswers());
}

const unsandboxed = (reason) => ({
  env: {},
  fallbacks: { SESSION_RUNTIME: 'process' },
  description: 'process runtime: sessions run UNSANDBOXED on this machine',
  warning: `${reason}. Sessions will run as plain processes on this machine, UNSANDBOXED (SESSION_RUNTIME=process).`,
});

// Never fails: without Docker, sessions fall back to the (clearly labelled) process runtime.
export async function provideDocker({ userEnv, supervisor, logFile }) {
  if (userEnv.DOCKER_HOST) return { env: {}, description: `Docker at ${userEnv.DOCKER_HOST}` };
  if (userEnv.SESSION_RUNTIME === 'process') {
    return { env: {}, description: 'process runtime (SESSION_RUNTIME=process): sessions run UNSANDBOXED' };
  }
  const local = { env: { DOCKER_HOST: `unix://${SOCKET}` }, description: `Docker at unix://${SOCKET}` };
  if (await dockerAnswers()) return local;

  if (process.getuid?.() !== 0) {
    return unsandboxed(
      existsSync(SOCKET)
        ? `Docker does not answer at ${SOCKET} (not running, or your user is not in the docker group)`
        : 'Docker is not running and only root can start dockerd',
    );
  }
  const dockerd = which('dockerd');
  if (!dockerd)
    return unsandboxed('dockerd is not installed and could not be installed (apt-get install docker.io)');

  // Not recorded for leftover cleanup: once up, other runs may be using it.
  const handle = supervisor.start('dockerd', dockerd, addressPoolArgs(), {
    logFile,
    record: false,
    stopTimeoutMs: 30_000,
  });
  try {
    await waitUntil(() => dockerAnswers(), {
      what: 'dockerd',
      timeoutMs: 60_000,
      failedBecause: exitReason(handle),
    });
  } catch (err) {
    await supervisor.stop(handle);
    return unsandboxed(`${err.message} (log: ${logFile})`);
  }
  return {
    ...local,
    started: handle,
    description: `${local.description} (dockerd started by us, stopped on exit)`,
  };
}

// Every session has a bridge network of its own; Docker's default pools hold about 31 of them.
// A /16 cut into /24s holds 256. A daemon.json that sets pools itself wins (the flag would clash).
function addressPoolArgs() {
  try {
    if (readFileSync('/etc/docker/daemon.json', 'utf8').includes('default-address-pools')) return [];
  } catch {
    // no daemon.json: use ours
  }
  return ['--default-address-pool', 'base=10.213.0.0/16,size=24'];
}

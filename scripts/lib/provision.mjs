// The common steps of every mode: ports, system packages, then Postgres, Redis, S3 and Docker,
// each taken from the user's environment when configured there and started by us otherwise.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { throwawayRoot } from './data-dir.mjs';
import { dockerNeedsStarting, dockerPackage, provideDocker } from './docker.mjs';
import { composeEnvironment } from './environment.mjs';
import {
  registerThrowawayNamespace,
  removeNamespaceResources,
  removeOrphanedNamespaces,
  throwawayNamespace,
  unregisterThrowawayNamespace,
} from './session-namespace.mjs';
import { info, warn } from './log.mjs';
import { choosePorts, DEFAULT_PORTS, findFreePort, isPortFree, readSavedPorts, savePorts } from './ports.mjs';
import { postgresPackage, startPostgres } from './postgres.mjs';
import { redisPackage, startRedis } from './redis.mjs';
import { which } from './run-command.mjs';
import { startEmbeddedS3 } from './s3.mjs';
import { stopLeftoverProcesses, stopLeftoversOfDeadRuns } from './stale-processes.mjs';
import { installMissing, missingMessage } from './system-packages.mjs';

const CHROMIUM = '/usr/bin/chromium';
const chromiumPackage = { name: 'Chromium', aptPackage: 'chromium', isPresent: () => existsSync(CHROMIUM) };
// The browser tests give Chromium a network namespace of its own (browser-namespace.mjs).
const iproutePackage = {
  name: 'ip (iproute2)',
  aptPackage: 'iproute2',
  isPresent: () => Boolean(which('ip')),
};

async function pickPorts({ dataDir, throwaway, names }) {
  if (throwaway)
    return (await choosePorts({ names, preferred: {}, isFree: isPortFree, freePort: findFreePort })).ports;
  const file = join(dataDir, 'ports.json');
  const preferred = { ...DEFAULT_PORTS, ...readSavedPorts(file) };
  const { ports, replaced } = await choosePorts({
    names,
    preferred,
    isFree: isPortFree,
    freePort: findFreePort,
  });
  for (const { name, from, to } of replaced) info(`port ${from} for ${name} is taken; using ${to}`);
  savePorts(file, ports);
  return ports;
}

/**
 * `durable` keeps Postgres and Redis crash-safe (fsync, append-only file), as in production; it
 * defaults to the opposite of `throwaway`. Benchmarks are throwaway yet durable, so that what they
 * time includes the commits a deployment waits for.
 */
export async function provision({
  repoRoot,
  dataDir,
  throwaway,
  durable = !throwaway,
  mode,
  lifecycle,
  withDocker,
  withChromium,
}) {
  const userEnv = process.env;
  const { supervisor } = lifecycle;
  const logsDir = join(dataDir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  if (throwaway) await stopLeftoversOfDeadRuns(throwawayRoot(repoRoot), info);
  else await stopLeftoverProcesses(dataDir, info);

  const own = { postgres: !userEnv.DATABASE_URL, redis: !userEnv.REDIS_URL, s3: !userEnv.S3_ENDPOINT };
  const ports = await pickPorts({
    dataDir,
    throwaway,
    names: ['api', 'web', ...Object.keys(own).filter((name) => own[name])],
  });

  const startDocker = withDocker && process.getuid?.() === 0 && (await dockerNeedsStarting(userEnv));
  const wantChromium = withChromium && !userEnv.PLAYWRIGHT_CHROMIUM;
  const wanted = [
    ...(own.postgres ? [postgresPackage] : []),
    ...(own.redis ? [redisPackage] : []),
    ...(startDocker ? [dockerPackage] : []),
    ...(wantChromium ? [chromiumPackage] : []),
    ...(withChromium ? [iproutePackage] : []),
  ];
  const missing = new Set(await installMissing(wanted));
  const fatal = [postgresPackage, redisPackage].filter((item) => missing.has(item.name));
  if (fatal.length) throw new Error(fatal.map(missingMessage).join('\n'));
  const chromiumProblem = missing.has(chromiumPackage.name) ? missingMessage(chromiumPackage) : null;

  const log = (name) => join(logsDir, `${name}.log`);
  const common = { dataDir, throwaway, durable, supervisor, env: userEnv, addCleanup: lifecycle.addCleanup };
  // Settled, not raced: everything must have finished starting before a failure stops it all.
  const settled = await Promise.allSettled([
    own.postgres ? startPostgres({ ...common, port: ports.postgres, logFile: log('postgres') }) : null,
    own.redis ? startRedis({ ...common, port: ports.redis, logFile: log('redis') }) : null,
    own.s3 ? startEmbeddedS3({ ...common, repoRoot, port: ports.s3, logFile: log('s3') }) : null,
    withDocker ? provideDocker({ userEnv, supervisor, logFile: log('dockerd') }) : null,
  ]);
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  const [postgres, redis, s3, docker] = settled.map((result) => result.value);
  if (docker?.warning) warn(docker.warning);

  // Throwaway runs keep their sessions apart from a developer's and clean them up afterwards.
  const namespace = throwaway && !userEnv.REDIS_PREFIX ? throwawayNamespace() : null;
  if (namespace) registerThrowawayNamespace(namespace);
  if (docker) {
    const orphaned = removeOrphanedNamespaces();
    if (orphaned.length)
      info(`removed the session containers of ${orphaned.length} test runs that ended without cleaning up`);
  }
  if (namespace) {
    // After the app servers have stopped (they could still be creating containers), while the
    // Docker engine, which may be ours and stop next, still runs.
    supervisor.addStopStep('sessions', () => {
      if (docker) removeNamespaceResources(namespace);
      unregisterThrowawayNamespace(namespace);
    });
  }
  const provisioned = {
    ...(namespace ? { REDIS_PREFIX: namespace, SESSION_DATA_DIR: join(dataDir, 'sessions') } : {}),
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    ...(redis ? { REDIS_URL: redis.url } : {}),
    ...(s3 ? s3.env : {}),
    ...(docker ? docker.env : {}),
    ...(wantChromium && !chromiumProblem ? { PLAYWRIGHT_CHROMIUM: CHROMIUM } : {}),
  };
  const env = composeEnvironment({
    mode,
    userEnv,
    provisioned,
    fallbacks: docker?.fallbacks,
    repoRoot,
    dataDir,
  });
  return {
    env,
    ports,
    logsDir,
    chromiumProblem,
    sessions: docker?.description ?? 'not checked',
    startedDockerd: Boolean(docker?.started),
  };
}

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { info } from './log.mjs';
import { exitReason, waitUntil } from './probes.mjs';
import { capture } from './run-command.mjs';

const PG_ROOT = '/usr/lib/postgresql';
export const DATABASE_NAME = 'agentbench';

export const postgresPackage = {
  name: 'PostgreSQL server',
  aptPackage: 'postgresql',
  isPresent: () => installedVersions().length > 0,
  hint: `or set DATABASE_URL to an existing server (looked for ${PG_ROOT}/<version>/bin/postgres)`,
};

function installedVersions() {
  if (!existsSync(PG_ROOT)) return [];
  return readdirSync(PG_ROOT).filter((version) => existsSync(join(PG_ROOT, version, 'bin', 'postgres')));
}

// A cluster only runs under the major version that created it; otherwise the newest.
export function pickPostgresVersion(available, clusterVersion) {
  if (clusterVersion) return available.includes(clusterVersion) ? clusterVersion : null;
  return [...available].sort((a, b) => Number(b) - Number(a))[0] ?? null;
}

/** The bin directory of the newest installed server, for a new cluster; null if none is. */
export function newestPostgresBinDir() {
  const version = pickPostgresVersion(installedVersions(), null);
  return version ? join(PG_ROOT, version, 'bin') : null;
}

// Postgres refuses to run as root; as root we run it as the `postgres` OS user.
export function postgresOsUser() {
  if (process.getuid?.() !== 0) return null;
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((line) => line.startsWith('postgres:'));
  if (!entry) {
    throw new Error(
      'running as root, but there is no `postgres` OS user to run PostgreSQL as (it refuses root). ' +
        'Install the postgresql package (it creates the user) or set DATABASE_URL.',
    );
  }
  const [, , uid, gid] = entry.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function canReach(osUser, dir) {
  return spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', dir], { ...osUser, cwd: '/' }).status === 0;
}

// A repository under a private home (/root is 0700) is out of the postgres user's reach; the
// cluster then lives under /var/lib, keyed by the data dir so runs do not share it.
function clusterDir(dataDir, osUser) {
  const preferred = join(dataDir, 'postgres');
  if (!osUser || canReach(osUser, dataDir)) return preferred;
  const key = createHash('sha1').update(dataDir).digest('hex').slice(0, 12);
  const fallback = join('/var/lib/agentbench', key, 'postgres');
  info(`the postgres user cannot reach ${dataDir}; keeping the database in ${fallback}`);
  return fallback;
}

function readClusterVersion(dir) {
  const file = join(dir, 'PG_VERSION');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

function chownTree(dir, { uid, gid }) {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) chownTree(path, { uid, gid });
    else chownSync(path, uid, gid);
  }
}

// initdb into a side directory and rename, so an interrupted init never looks like a cluster.
export async function initCluster(binDir, dir, osUser) {
  const staging = `${dir}.init`;
  const attempts = [['--locale=C.UTF-8'], ['--no-locale']];
  let last = '';
  for (const locale of attempts) {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true, mode: 0o700 });
    if (osUser) chownSync(staging, osUser.uid, osUser.gid);
    const args = ['-D', staging, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', ...locale];
    const result = await capture(join(binDir, 'initdb'), args, { ...osUser, cwd: '/' });
    if (result.code === 0) {
      rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
      return;
    }
    last = (result.stderr || result.stdout).trim();
  }
  rmSync(staging, { recursive: true, force: true });
  throw new Error(`initdb failed:\n${last}`);
}

// Unix socket paths are limited to 107 bytes; over that we go TCP-only.
function socketDirFor(dir, port) {
  return `${dir}/.s.PGSQL.${port}`.length < 100 ? dir : '';
}

export async function startPostgres({
  dataDir,
  port,
  throwaway,
  durable,
  supervisor,
  logFile,
  env,
  addCleanup,
}) {
  const osUser = postgresOsUser();
  const dir = clusterDir(dataDir, osUser);
  if (throwaway && !dir.startsWith(dataDir))
    addCleanup(() => rmSync(join(dir, '..'), { recursive: true, force: true }));
  const clusterVersion = readClusterVersion(dir);
  const version = pickPostgresVersion(installedVersions(), clusterVersion);
  if (!version) {
    throw new Error(
      `${dir} was created by PostgreSQL ${clusterVersion}, which is not installed ` +
        `(found: ${installedVersions().join(', ') || 'none'}). Install postgresql-${clusterVersion}, ` +
        'or delete that directory to start with an empty database.',
    );
  }
  const binDir = join(PG_ROOT, version, 'bin');
  if (!clusterVersion) {
    mkdirSync(join(dir, '..'), { recursive: true });
    info(`creating a PostgreSQL ${version} cluster in ${dir}`);
    await initCluster(binDir, dir, osUser);
  } else if (osUser && statSync(dir).uid !== osUser.uid) {
    chownTree(dir, osUser);
  }

  const args = [
    '-D',
    dir,
    '-p',
    String(port),
    '-k',
    socketDirFor(dir, port),
    '-c',
    'listen_addresses=127.0.0.1',
  ];
  // Clusters that need not survive a crash (tests) trade crash safety for speed.
  if (!durable) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const handle = supervisor.start('postgres', join(binDir, 'postgres'), args, {
    ...osUser,
    env,
    cwd: '/',
    logFile,
    marker: dir,
    // SIGINT is Postgres' fast shutdown: it ends sessions and checkpoints, without waiting
    // for clients to leave.
    stopSignal: 'SIGINT',
  });
  const isReady = async () =>
    (
      await capture(join(binDir, 'pg_isready'), [
        '-q',
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
      ])
    ).code === 0;
  await waitUntil(isReady, { what: 'PostgreSQL', timeoutMs: 60_000, failedBecause: exitReason(handle) });
  await createDatabaseIfMissing(port, DATABASE_NAME);
  return { url: `postgres://postgres@127.0.0.1:${port}/${DATABASE_NAME}`, handle, dir };
}

async function createDatabaseIfMissing(port, name) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import type { Logger } from '../logger.js';
import { agentCliBinaries } from './agent-clis.js';
import { withFileLock } from './file-lock.js';
import { SessionImageError } from './runtime.errors.js';
import { tarStream, type TarEntry } from './tar-writer.js';

/**
 * The session base image for development and tests, made offline: no registry is reachable on the
 * machines the project is built on, so the image is a root filesystem (the Node 22 binary, a shell,
 * the shared libraries they and the agent CLIs link, users and the directories the executor uses)
 * fed to `docker import`. The executor itself is bind-mounted at /opt/executor, and the agent CLIs
 * with their provider packages at /opt/node_modules (agent-clis.ts), so changing either needs no
 * rebuild and the image stays small. Production uses `docker/session.Dockerfile` instead.
 */

export const SESSION_IMAGE_REPOSITORY = 'agentbench-session';

const AGENT_UID = 1000;
const AGENT_GID = 1000;

// Bump when the recipe changes in a way the inputs below do not show.
const RECIPE_VERSION = 2;

/** /etc/passwd; CLIs that look up the user's shell first (Codex does) find the image's shell. */
function passwd(agentShell: string): string {
  return [
    'root:x:0:0:root:/root:/usr/sbin/nologin',
    `agent:x:${AGENT_UID}:${AGENT_GID}:agent:/home/agent:${agentShell}`,
    'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
    '',
  ].join('\n');
}

const GROUP = ['root:x:0:', `agent:x:${AGENT_GID}:`, 'nogroup:x:65534:', ''].join('\n');

// Without this file glibc asks DNS before /etc/hosts and never reaches the hosts file when DNS
// answers "no such name": `host.docker.internal` (written to /etc/hosts by Docker) would not resolve.
const NSSWITCH = ['passwd: files', 'group: files', 'hosts: files dns', ''].join('\n');

/** The `docker import --change` instructions of the image. */
export const IMAGE_CHANGES = [
  `USER ${AGENT_UID}`,
  'WORKDIR /workspace',
  'ENV PATH=/usr/local/bin:/usr/bin:/bin',
  'ENV HOME=/home/agent',
  'CMD ["node","/opt/executor/executor.mjs"]',
  'LABEL agentbench.image=session',
];

// Name-service modules glibc may load at run time (built into libc since 2.34, but harmless).
const OPTIONAL_LIBS = ['libnss_files.so.2', 'libnss_dns.so.2', 'libresolv.so.2'];
const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
// The agent CLIs run their tools (Bash, exec_command, bash) through a POSIX shell.
const SHELL_CANDIDATES = ['/bin/bash', '/usr/bin/bash'];
const IMAGE_SHELL = '/bin/bash';

/** Paths of the shared objects in `ldd` output, the dynamic loader included; throws on "not found". */
export function parseLdd(output: string): string[] {
  const paths: string[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    if (!line || line.includes('statically linked') || line.includes('not a dynamic executable')) continue;
    const arrow = /^(\S+)\s+=>\s+(.*)$/.exec(line);
    if (arrow) {
      const target = arrow[2]!.trim();
      if (target.startsWith('not found')) throw new Error(`ldd: ${arrow[1]} not found`);
      const path = /^(\/\S+)/.exec(target)?.[1];
      if (path) paths.push(path);
      continue;
    }
    const loader = /^(\/\S+)\s+\(0x[0-9a-f]+\)$/.exec(line);
    if (loader) paths.push(loader[1]!);
    // Anything else (linux-vdso.so.1) lives in the kernel, not in a file.
  }
  return [...new Set(paths)];
}

async function isElfFile(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const magic = Buffer.alloc(4);
      await handle.read(magic, 0, 4, 0);
      return magic.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

/**
 * The real Node 22 executable (an ELF file, not a wrapper script or symlink): the `node` npm
 * package's binary, or its per-platform package, or else the Node running this process.
 */
export async function resolveNodeBinary(): Promise<string> {
  const require = createRequire(import.meta.url);
  const candidates: string[] = [];
  try {
    const packageDir = dirname(require.resolve('node/package.json'));
    candidates.push(join(packageDir, 'bin', 'node'));
    const platformPackage = `node-${process.platform}-${process.arch}/package.json`;
    for (const base of [join(packageDir, 'node_modules'), dirname(packageDir)]) {
      const path = join(base, platformPackage);
      if (existsSync(path)) candidates.push(join(dirname(path), 'bin', 'node'));
    }
  } catch {
    // The `node` package is not installed: fall back to the running binary.
  }
  candidates.push(process.execPath);
  for (const candidate of candidates) {
    const real = await realpath(candidate).catch(() => null);
    if (real && (await isElfFile(real))) return real;
  }
  throw new Error(`no Node executable found (looked at ${candidates.join(', ')})`);
}

const execFileAsync = promisify(execFile);

/** The shared objects the binaries link (the union, each once), plus the name-service modules. */
async function sharedLibraries(binaries: string[]): Promise<string[]> {
  const libs: string[] = [];
  for (const binary of binaries) {
    let stdout: string;
    try {
      ({ stdout } = await execFileAsync('ldd', [binary]));
    } catch (error) {
      throw new Error(`ldd ${binary} failed: ${(error as Error).message}`, { cause: error });
    }
    for (const lib of parseLdd(stdout)) if (!libs.includes(lib)) libs.push(lib);
  }
  const libDirs = new Set(libs.map((lib) => dirname(lib)));
  for (const dir of libDirs) {
    for (const name of OPTIONAL_LIBS) {
      const path = join(dir, name);
      if (!libs.includes(path) && (await isElfFile(path))) libs.push(path);
    }
  }
  return libs;
}

// Hashing 120 MB takes a few hundred ms: once per file version per process is enough.
const digestCache = new Map<string, string>();

async function fileDigest(path: string): Promise<{ digest: string; size: number; mode: number }> {
  const info = await stat(path);
  const key = `${path}:${info.size}:${info.mtimeMs}:${info.ino}`;
  let digest = digestCache.get(key);
  if (!digest) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    digest = hash.digest('hex');
    digestCache.set(key, digest);
  }
  return { digest, size: info.size, mode: info.mode & 0o777 };
}

interface HostFile {
  /** Path inside the image. */
  path: string;
  /** The real file on the host. */
  source: string;
  size: number;
  mode: number;
  digest: string;
}

export interface SessionImagePlan {
  tag: string;
  entries: TarEntry[];
}

export interface SessionImageInputs {
  /** The Node executable to put in the image; default: the project's Node 22 (see resolveNodeBinary). */
  nodeBinary?: string;
  /**
   * The host's node_modules that will be mounted as the agent CLIs: the libraries their native
   * binaries link go into the image (the binaries themselves stay on the mount).
   */
  agentClisDir?: string | null;
}

/** What goes into the image and the tag that names exactly that content. */
export async function planSessionImage(inputs: SessionImageInputs = {}): Promise<SessionImagePlan> {
  const node = inputs.nodeBinary ?? (await resolveNodeBinary());
  const shell = SHELL_CANDIDATES.find((path) => existsSync(path)) ?? null;
  const cliBinaries = inputs.agentClisDir ? agentCliBinaries(inputs.agentClisDir) : [];
  const files: HostFile[] = [];
  const add = async (path: string, source: string) => {
    const real = await realpath(source);
    const { digest, size, mode } = await fileDigest(real);
    files.push({ path, source: real, size, mode, digest });
  };
  await add('/usr/local/bin/node', node);
  if (shell) await add(IMAGE_SHELL, shell);
  // Each library at the path the loader looks for it, as a regular file (the host's symlinks and
  // merged /usr layout do not matter inside the image).
  const linked = [node, ...(shell ? [shell] : []), ...cliBinaries];
  for (const lib of await sharedLibraries(linked)) await add(lib, lib);
  if (existsSync(CA_BUNDLE)) await add(CA_BUNDLE, CA_BUNDLE);

  const owned = (path: string, mode: number): TarEntry => ({
    type: 'dir',
    path,
    mode,
    uid: AGENT_UID,
    gid: AGENT_GID,
  });
  const fixedDirs: TarEntry[] = [
    { type: 'dir', path: '/etc', mode: 0o755 },
    { type: 'dir', path: '/root', mode: 0o700 },
    { type: 'dir', path: '/home', mode: 0o755 },
    owned('/home/agent', 0o755),
    owned('/workspace', 0o755),
    owned('/agent-data', 0o755),
    { type: 'dir', path: '/opt', mode: 0o755 },
    { type: 'dir', path: '/opt/executor', mode: 0o755 },
    { type: 'dir', path: '/tmp', mode: 0o1777 },
    { type: 'dir', path: '/usr', mode: 0o755 },
    { type: 'dir', path: '/usr/bin', mode: 0o755 },
    { type: 'dir', path: '/bin', mode: 0o755 },
  ];
  const etc: TarEntry[] = [
    {
      type: 'file',
      path: '/etc/passwd',
      mode: 0o644,
      content: Buffer.from(passwd(shell ? IMAGE_SHELL : '/usr/sbin/nologin')),
    },
    { type: 'file', path: '/etc/group', mode: 0o644, content: Buffer.from(GROUP) },
    { type: 'file', path: '/etc/nsswitch.conf', mode: 0o644, content: Buffer.from(NSSWITCH) },
  ];

  // Parent directories of the host files, root-owned, each once and before its children.
  const known = new Set(fixedDirs.map((entry) => entry.path));
  const parents: TarEntry[] = [];
  for (const file of files) {
    const chain: string[] = [];
    for (let dir = dirname(file.path); dir !== '/' && !known.has(dir); dir = dirname(dir)) chain.unshift(dir);
    for (const dir of chain) {
      known.add(dir);
      parents.push({ type: 'dir', path: dir, mode: 0o755 });
    }
  }

  // `sh` is the shell many tools spawn by name; bash serves as one.
  const links: TarEntry[] = shell ? [{ type: 'symlink', path: '/bin/sh', target: 'bash' }] : [];

  const entries: TarEntry[] = [
    ...fixedDirs,
    ...parents,
    ...etc,
    ...files.map<TarEntry>((file) => ({
      type: 'file',
      path: file.path,
      mode: file.mode,
      source: file.source,
      size: file.size,
    })),
    ...links,
  ];

  const recipe = {
    version: RECIPE_VERSION,
    changes: IMAGE_CHANGES,
    entries: entries.map((entry) =>
      entry.type === 'file' && 'source' in entry ? { ...entry, source: undefined } : entry,
    ),
    contents: [
      ...etc.map((entry) => (entry.type === 'file' && 'content' in entry ? entry.content.toString() : '')),
      ...files.map((file) => `${file.path}:${file.digest}`),
    ],
  };
  const hash = createHash('sha256').update(JSON.stringify(recipe)).digest('hex').slice(0, 16);
  return { tag: `${SESSION_IMAGE_REPOSITORY}:${hash}`, entries };
}

async function imageExists(docker: Docker, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

async function importImage(docker: Docker, plan: SessionImagePlan): Promise<void> {
  const [repo, tag] = plan.tag.split(':');
  // `changes` becomes one query parameter per instruction, as `docker import --change` sends them.
  const response = await docker.importImage(tarStream(plan.entries), {
    repo,
    tag,
    changes: IMAGE_CHANGES,
  } as Record<string, unknown>);
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(response, (error: Error | null, output: { error?: string }[]) => {
      const failed = error?.message ?? output.find((item) => item.error)?.error;
      if (failed) reject(new Error(failed));
      else resolve();
    });
  });
}

export interface SessionImageOptions extends SessionImageInputs {
  docker: Docker;
  log: Logger;
  /** Where the cross-process build lock lives; default: the OS temp dir. */
  lockDir?: string;
}

const building = new Map<string, Promise<string>>();

/**
 * Returns the tag of the session base image, building it first when no image with exactly this
 * content exists. Callers in one process share one build; processes on one machine take turns
 * through a lock file, and the loser of a race across machines merely re-tags an equal image.
 */
export async function ensureSessionImage(options: SessionImageOptions): Promise<string> {
  let plan: SessionImagePlan;
  try {
    plan = await planSessionImage({ nodeBinary: options.nodeBinary, agentClisDir: options.agentClisDir });
  } catch (error) {
    throw new SessionImageError(
      SESSION_IMAGE_REPOSITORY,
      `cannot collect the image's files: ${(error as Error).message}`,
    );
  }
  const pending = building.get(plan.tag);
  if (pending) return pending;
  const build = buildIfMissing(options, plan).finally(() => building.delete(plan.tag));
  building.set(plan.tag, build);
  return build;
}

async function buildIfMissing(options: SessionImageOptions, plan: SessionImagePlan): Promise<string> {
  const { docker, log } = options;
  if (await imageExists(docker, plan.tag)) return plan.tag;
  const lock = join(
    options.lockDir ?? tmpdir(),
    `agentbench-image-${plan.tag.replace(/[^a-zA-Z0-9]/g, '-')}.lock`,
  );
  try {
    await withFileLock(
      lock,
      { staleMs: 10 * 60_000, timeoutMs: 10 * 60_000, done: () => imageExists(docker, plan.tag) },
      async () => {
        if (await imageExists(docker, plan.tag)) return;
        const started = Date.now();
        log.info({ image: plan.tag, op: 'image.build' }, 'building the session image');
        await importImage(docker, plan);
        log.info({ image: plan.tag, op: 'image.build', ms: Date.now() - started }, 'session image built');
      },
    );
  } catch (error) {
    throw new SessionImageError(plan.tag, `building it failed: ${(error as Error).message}`);
  }
  return plan.tag;
}

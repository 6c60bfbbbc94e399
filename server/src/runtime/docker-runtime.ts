import { KeyedSerialQueue } from '../keyed-serial-queue.js';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import type { ContainerCreateOptions, ContainerInspectInfo } from 'dockerode';
import type { Logger } from '../logger.js';
import { waitForExecutorHealth } from './executor-health.js';
import { DOCKER_HOST_ALIAS } from './host-alias.js';
import {
  EXECUTOR_PORT,
  LABELS,
  assertRuntimeName,
  executorEnvironment,
  labelFilter,
  newExecutorToken,
  readDockerEnv,
  redactSecrets,
  sessionLabels,
  sessionResourceNames,
  toDockerEnv,
  type SessionResourceNames,
} from './runtime-names.js';
import {
  ExecutorBundleMissingError,
  ExecutorUnhealthyError,
  RuntimeError,
  RuntimeOperationError,
  RuntimeUnavailableError,
  SessionImageError,
} from './runtime.errors.js';
import { ensureSessionImage } from './session-image.js';
import type {
  ExecutorEndpoint,
  RuntimeInstance,
  RuntimeState,
  RuntimeStatus,
  SessionRuntime,
  SessionSpec,
} from './session-runtime.js';
import { oldestFirst, type CreatedObject } from './docker-created.js';

export interface DockerRuntimeOptions {
  docker: Docker;
  /** Prefix of every container, network and volume name, so deployments and test files can share an engine. */
  namespace: string;
  /** Image for sessions whose spec names none; default: the offline-built base image (session-image.ts). */
  image?: string;
  /**
   * Absolute path (on the Docker host) of the executor bundle's directory, mounted read-only at
   * /opt/executor so a changed executor needs no image rebuild. Null when the image carries it.
   */
  executorDir: string | null;
  /**
   * Absolute path (on the Docker host) of a node_modules directory with the agent CLIs and their
   * provider packages, mounted read-only at /opt/node_modules, where Node resolves the executor's
   * lazy imports, for images that do not carry them (see agent-clis.ts). Null or unset: none.
   */
  agentClisDir?: string | null;
  /** Memory limit per session container, MiB (default 2048; swap is not added on top). */
  memoryMb?: number;
  /** CPU limit per session container, in CPUs (default 1). */
  cpus?: number;
  /** Process limit per session container (default 512). */
  pidsLimit?: number;
  /** How long ensureRunning waits for the executor's health, ms (default 30000). */
  healthTimeoutMs?: number;
  /** Grace period of `stop` before Docker kills the container, seconds (default 5). */
  stopTimeoutSeconds?: number;
  /**
   * Id or name of the container this worker runs in, if it does: it is connected to every session
   * network so it can reach the executors (Docker isolates bridges from each other). Unset on a host.
   */
  joinNetworksAs?: string | null;
  log: Logger;
}

const MiB = 1024 * 1024;
const WORKSPACE = '/workspace';
const AGENT_DATA = '/agent-data';
const EXECUTOR_MOUNT = '/opt/executor';
// Next to the executor's directory: Node looks for /opt/node_modules when /opt/executor has none.
const AGENT_CLIS_MOUNT = '/opt/node_modules';
const LOG_TAIL_LINES = 40;

type DockerError = Error & { statusCode?: number; code?: string; json?: { message?: string } | null };

function statusOf(error: unknown): number | undefined {
  return (error as DockerError).statusCode;
}

function reasonOf(error: unknown): string {
  const failure = error as DockerError;
  return failure.json?.message ?? failure.message ?? String(error);
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'EACCES',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** Maps an engine failure to a typed runtime error: unreachable and 5xx are transient, 4xx are not. */
export function dockerFailure(operation: string, error: unknown): RuntimeError {
  if (error instanceof RuntimeError) return error;
  const code = (error as DockerError).code;
  if (code && UNREACHABLE.has(code))
    return new RuntimeUnavailableError(operation, `${code}: ${reasonOf(error)}`);
  const status = statusOf(error);
  if (status !== undefined) return new RuntimeOperationError(operation, reasonOf(error), status >= 500);
  return new RuntimeOperationError(operation, reasonOf(error), true);
}

/** The text of `docker logs` for a container without a TTY (8-byte frame headers), or as-is. */
export function demuxDockerLog(buffer: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const stream = buffer[offset]!;
    if (stream > 2 || buffer[offset + 1] !== 0 || buffer[offset + 2] !== 0 || buffer[offset + 3] !== 0) {
      return buffer.toString('utf8');
    }
    const size = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  if (offset !== buffer.length) return buffer.toString('utf8');
  return Buffer.concat(parts).toString('utf8');
}

/** Why a container can no longer answer health, or null while it may still come up. */
export function containerGoneReason(info: ContainerInspectInfo | null): string | null {
  if (!info) return 'the container was removed';
  if (info.State.Running) return null;
  const oom = info.State.OOMKilled ? ', killed for running out of memory' : '';
  return `the container stopped (exit code ${info.State.ExitCode}${oom})`;
}

/** The container's address on its session network. */
export function containerAddress(info: ContainerInspectInfo, networkName: string): string | null {
  const networks = info.NetworkSettings?.Networks ?? {};
  const own = networks[networkName]?.IPAddress;
  if (own) return own;
  return Object.values(networks).find((network) => network.IPAddress)?.IPAddress ?? null;
}

function stateOf(info: { State?: unknown }): RuntimeState {
  // inspect() gives an object with Running; listContainers() gives a string such as "running".
  const state = info.State as { Running?: boolean } | string | undefined;
  if (typeof state === 'string') return state === 'running' ? 'running' : 'stopped';
  return state?.Running ? 'running' : 'stopped';
}

/**
 * One container per session, on a bridge network of its own, with its workspace and agent data in
 * named volumes that outlive the container. Everything carries the namespace's labels, so `list`
 * and cleanup never touch what another deployment or test file made. Each container gets a fresh
 * executor token in its environment; the token is read back from `inspect` afterwards, so no
 * secret is stored anywhere else, and none is ever logged.
 */
export class DockerRuntime implements SessionRuntime {
  readonly kind = 'docker' as const;
  readonly sandboxed = true;

  private readonly docker: Docker;
  private readonly namespace: string;
  private readonly log: Logger;
  private readonly memoryBytes: number;
  private readonly nanoCpus: number;
  private readonly pidsLimit: number;
  private readonly healthTimeoutMs: number;
  private readonly stopTimeoutSeconds: number;
  private defaultImage: Promise<string> | null = null;
  private readonly serialQueue = new KeyedSerialQueue();
  private readonly joinedNetworks = new Set<string>();

  constructor(private readonly options: DockerRuntimeOptions) {
    assertRuntimeName('namespace', options.namespace);
    if (options.executorDir !== null && !isAbsolute(options.executorDir)) {
      throw new Error(`executorDir must be an absolute path, got ${options.executorDir}`);
    }
    if (options.agentClisDir && !isAbsolute(options.agentClisDir)) {
      throw new Error(`agentClisDir must be an absolute path, got ${options.agentClisDir}`);
    }
    this.docker = options.docker;
    this.namespace = options.namespace;
    this.log = options.log.child({ runtime: 'docker', namespace: options.namespace });
    this.memoryBytes = (options.memoryMb ?? 2048) * MiB;
    this.nanoCpus = Math.round((options.cpus ?? 1) * 1e9);
    this.pidsLimit = options.pidsLimit ?? 512;
    this.healthTimeoutMs = options.healthTimeoutMs ?? 30_000;
    this.stopTimeoutSeconds = options.stopTimeoutSeconds ?? 5;
  }

  async ensureRunning(spec: SessionSpec): Promise<ExecutorEndpoint> {
    const names = sessionResourceNames(this.namespace, spec.sessionId);
    return this.serial(spec.sessionId, () => this.activate(spec, names));
  }

  async stop(sessionId: string): Promise<void> {
    const names = sessionResourceNames(this.namespace, sessionId);
    return this.serial(sessionId, async () => {
      const started = Date.now();
      try {
        await this.docker.getContainer(names.container).stop({ t: this.stopTimeoutSeconds });
      } catch (error) {
        // 304: not running; 404: absent. Both mean "stopped" already.
        if (statusOf(error) === 304 || statusOf(error) === 404) return;
        throw dockerFailure('container.stop', error);
      }
      this.log.info({ sessionId, op: 'session.stop', ms: Date.now() - started }, 'session container stopped');
    });
  }

  async remove(sessionId: string): Promise<void> {
    const names = sessionResourceNames(this.namespace, sessionId);
    return this.serial(sessionId, async () => {
      const started = Date.now();
      await this.removeContainer(names.container);
      const volumes = await this.call('volume.list', () =>
        this.docker.listVolumes({ filters: { label: labelFilter(this.namespace, sessionId) } }),
      );
      const volumeNames = new Set([
        names.workspaceVolume,
        names.agentVolume,
        ...(volumes.Volumes ?? []).map((volume) => volume.Name),
      ]);
      for (const name of volumeNames) {
        await this.ignoreAbsent('volume.remove', () => this.docker.getVolume(name).remove());
      }
      for (const id of await this.sessionNetworks(names.network, sessionId)) await this.removeNetwork(id);
      this.log.info({ sessionId, op: 'session.remove', ms: Date.now() - started }, 'session removed');
    });
  }

  async status(sessionId: string): Promise<RuntimeStatus> {
    const names = sessionResourceNames(this.namespace, sessionId);
    const info = await this.inspect(names.container);
    if (!info) return { state: 'absent', instanceId: null };
    return { state: stateOf(info), instanceId: info.Id };
  }

  async endpoint(sessionId: string): Promise<ExecutorEndpoint | null> {
    const names = sessionResourceNames(this.namespace, sessionId);
    const info = await this.inspect(names.container);
    if (!info?.State.Running) return null;
    const token = readDockerEnv(info.Config.Env, 'EXECUTOR_TOKEN');
    const address = containerAddress(info, names.network);
    if (!token || !address) return null;
    const networkId = info.NetworkSettings?.Networks?.[names.network]?.NetworkID;
    if (networkId) await this.joinNetwork(networkId);
    return { url: `http://${address}:${EXECUTOR_PORT}`, token };
  }

  async list(): Promise<RuntimeInstance[]> {
    const filters = { label: labelFilter(this.namespace) };
    const [containers, volumes, networks] = await Promise.all([
      this.call('container.list', () => this.docker.listContainers({ all: true, filters })),
      this.call('volume.list', () => this.docker.listVolumes({ filters })),
      this.call('network.list', () => this.docker.listNetworks({ filters })),
    ]);
    const found = new Map<string, RuntimeInstance>();
    for (const container of containers) {
      const sessionId = container.Labels[LABELS.session];
      if (sessionId) found.set(sessionId, { sessionId, instanceId: container.Id, state: stateOf(container) });
    }
    // A session whose container is gone may still have its volumes (its workspace) or network.
    for (const leftover of [...(volumes.Volumes ?? []), ...networks]) {
      const sessionId = (leftover.Labels as Record<string, string> | null | undefined)?.[LABELS.session];
      if (sessionId && !found.has(sessionId))
        found.set(sessionId, { sessionId, instanceId: null, state: 'absent' });
    }
    return [...found.values()];
  }

  // Operations on one session run one after the other within this process; across processes the
  // engine's unique container names settle races (see create).
  private serial<T>(sessionId: string, operation: () => Promise<T>): Promise<T> {
    return this.serialQueue.run(sessionId, operation);
  }

  private async activate(spec: SessionSpec, names: SessionResourceNames): Promise<ExecutorEndpoint> {
    const { sessionId } = spec;
    const started = Date.now();
    this.assertExecutorBundle();
    let info = await this.inspect(names.container);
    if (info) this.assertOurs(info, sessionId);
    let created = false;
    if (!info) {
      info = await this.create(spec, names);
      created = true;
    }
    const wasRunning = info.State.Running;
    if (!wasRunning) {
      try {
        await this.startContainer(info.Id, names.network);
      } catch (error) {
        // A network removed behind our back leaves the container unstartable (404 on its old
        // network id); the volumes hold the state, so a fresh container loses nothing.
        if (created || !(error instanceof RuntimeOperationError) || !/network/i.test(error.reason))
          throw error;
        this.log.warn(
          { sessionId, containerId: info.Id, op: 'session.recreate', reason: error.reason },
          'container cannot start, recreating it',
        );
        await this.removeContainer(info.Id);
        info = await this.create(spec, names);
        await this.startContainer(info.Id, names.network);
      }
    }

    const running = (await this.inspect(info.Id)) ?? info;
    const containerId = running.Id;
    const networkId = running.NetworkSettings?.Networks?.[names.network]?.NetworkID;
    if (networkId) await this.joinNetwork(networkId);
    const token = readDockerEnv(running.Config.Env, 'EXECUTOR_TOKEN');
    if (!token)
      throw new ExecutorUnhealthyError(
        sessionId,
        'its container has no EXECUTOR_TOKEN in its environment',
        '',
      );
    const unhealthy = async (reason: string) => {
      const logTail = redactSecrets(await this.logTail(containerId), [token, ...Object.values(spec.env)]);
      this.log.warn(
        { sessionId, containerId, op: 'session.health', ms: Date.now() - started, reason },
        'executor did not become healthy',
      );
      return new ExecutorUnhealthyError(sessionId, reason, logTail);
    };
    const address = containerAddress(running, names.network);
    if (!address)
      throw await unhealthy(containerGoneReason(running) ?? 'its container has no address on its network');
    const url = `http://${address}:${EXECUTOR_PORT}`;
    const health = await waitForExecutorHealth({
      url,
      token,
      timeoutMs: this.healthTimeoutMs,
      gone: async () => containerGoneReason(await this.inspect(containerId)),
    });
    if (!health.ok) throw await unhealthy(health.reason);
    this.log.info(
      {
        sessionId,
        containerId,
        op: 'session.ensureRunning',
        created,
        started: !wasRunning,
        ms: Date.now() - started,
      },
      'session executor healthy',
    );
    return { url, token };
  }

  private async create(spec: SessionSpec, names: SessionResourceNames): Promise<ContainerInspectInfo> {
    const { sessionId } = spec;
    const labels = sessionLabels(this.namespace, sessionId);
    const started = Date.now();
    await this.ensureVolume(names.workspaceVolume, labels);
    await this.ensureVolume(names.agentVolume, labels);
    await this.ensureNetwork(names.network, sessionId);
    let image = spec.image ?? (await this.sessionImage());
    const env = executorEnvironment(spec.env, {
      EXECUTOR_TOKEN: newExecutorToken(),
      EXECUTOR_HOST: '0.0.0.0',
      EXECUTOR_PORT: String(EXECUTOR_PORT),
      WORKSPACE_DIR: WORKSPACE,
      AGENT_DATA_DIR: AGENT_DATA,
    });
    const mounts: NonNullable<NonNullable<ContainerCreateOptions['HostConfig']>['Mounts']> = [
      { Type: 'volume', Source: names.workspaceVolume, Target: WORKSPACE },
      { Type: 'volume', Source: names.agentVolume, Target: AGENT_DATA },
    ];
    if (this.options.executorDir !== null) {
      mounts.push({ Type: 'bind', Source: this.options.executorDir, Target: EXECUTOR_MOUNT, ReadOnly: true });
    }
    if (this.options.agentClisDir) {
      mounts.push({
        Type: 'bind',
        Source: this.options.agentClisDir,
        Target: AGENT_CLIS_MOUNT,
        ReadOnly: true,
      });
      env.AGENT_CLIS_DIR = AGENT_CLIS_MOUNT;
    }
    const config = (): ContainerCreateOptions => ({
      name: names.container,
      Image: image,
      Cmd: ['node', `${EXECUTOR_MOUNT}/executor.mjs`],
      Env: toDockerEnv(env),
      User: '1000:1000',
      WorkingDir: WORKSPACE,
      Labels: labels,
      HostConfig: {
        Memory: this.memoryBytes,
        MemorySwap: this.memoryBytes,
        NanoCpus: this.nanoCpus,
        PidsLimit: this.pidsLimit,
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        Privileged: false,
        // A tiny init as PID 1 reaps the agent CLIs' orphaned children and forwards SIGTERM.
        Init: true,
        IpcMode: 'private',
        Mounts: mounts,
        Tmpfs: { '/tmp': 'rw,nosuid,nodev,mode=1777' },
        NetworkMode: names.network,
        ExtraHosts: [`${DOCKER_HOST_ALIAS}:host-gateway`],
        RestartPolicy: { Name: 'no' },
        LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '2' } },
      },
    });
    for (let attempt = 1; ; attempt++) {
      try {
        const container = await this.docker.createContainer(config());
        this.log.info(
          { sessionId, containerId: container.id, op: 'session.create', image, ms: Date.now() - started },
          'session container created',
        );
        const info = await this.inspect(container.id);
        if (!info)
          throw new RuntimeOperationError('container.create', 'the new container vanished at once', true);
        return info;
      } catch (error) {
        if (statusOf(error) === 409) {
          // Another worker created it first: use theirs (and its token).
          const theirs = await this.inspect(names.container);
          if (theirs) {
            this.assertOurs(theirs, sessionId);
            return theirs;
          }
          if (attempt < 3) continue;
        }
        if (statusOf(error) === 404 && /image/i.test(reasonOf(error))) {
          // Our own image was deleted since we built it: build it again, once.
          if (spec.image === null && this.options.image === undefined && attempt < 2) {
            this.defaultImage = null;
            image = await this.sessionImage();
            continue;
          }
          throw new SessionImageError(image, `not found in the Docker engine (${reasonOf(error)})`);
        }
        throw dockerFailure('container.create', error);
      }
    }
  }

  private async startContainer(id: string, network: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.docker.getContainer(id).start();
        return;
      } catch (error) {
        if (statusOf(error) === 304) return; // started by someone else meanwhile
        // A duplicate of the network made by a concurrent worker exists for a moment (see ensureNetwork).
        if (attempt < 5 && /ambiguous/i.test(reasonOf(error))) {
          await this.dedupeNetworks(network);
          await sleep(50 * attempt);
          continue;
        }
        throw dockerFailure('container.start', error);
      }
    }
  }

  private async removeContainer(nameOrId: string): Promise<void> {
    try {
      await this.docker.getContainer(nameOrId).remove({ force: true, v: true });
    } catch (error) {
      const status = statusOf(error);
      // 409: a removal is already in progress (another worker); 404: already gone.
      if (status === 404 || (status === 409 && /in progress/i.test(reasonOf(error)))) return;
      throw dockerFailure('container.remove', error);
    }
  }

  private sessionImage(): Promise<string> {
    if (this.options.image !== undefined) return Promise.resolve(this.options.image);
    this.defaultImage ??= ensureSessionImage({
      docker: this.docker,
      log: this.log,
      agentClisDir: this.options.agentClisDir,
    }).catch((error: unknown) => {
      this.defaultImage = null;
      throw error;
    });
    return this.defaultImage;
  }

  private assertExecutorBundle(): void {
    const dir = this.options.executorDir;
    if (dir !== null && !existsSync(join(dir, 'executor.mjs'))) {
      throw new ExecutorBundleMissingError(join(dir, 'executor.mjs'));
    }
  }

  // A container with our name but not our labels belongs to someone else: never adopt it.
  private assertOurs(info: ContainerInspectInfo, sessionId: string): void {
    const labels = info.Config.Labels ?? {};
    if (labels[LABELS.namespace] !== this.namespace || labels[LABELS.session] !== sessionId) {
      throw new RuntimeOperationError(
        'container.inspect',
        `container ${info.Name} exists but is not managed by agentbench namespace ${this.namespace}`,
        false,
      );
    }
  }

  private async inspect(nameOrId: string): Promise<ContainerInspectInfo | null> {
    try {
      return await this.docker.getContainer(nameOrId).inspect();
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw dockerFailure('container.inspect', error);
    }
  }

  private async ensureVolume(name: string, labels: Record<string, string>): Promise<void> {
    try {
      await this.docker.getVolume(name).inspect();
      return;
    } catch (error) {
      if (statusOf(error) !== 404) throw dockerFailure('volume.inspect', error);
    }
    // Creating an existing local volume answers with the existing one: races are harmless.
    await this.call('volume.create', () => this.docker.createVolume({ Name: name, Labels: labels }));
  }

  /** Ids of the session's networks: by label, plus any of its exact name (oldest first). */
  private async sessionNetworks(name: string, sessionId: string): Promise<string[]> {
    const [byName, byLabel] = await Promise.all([
      this.call('network.list', () => this.docker.listNetworks({ filters: { name: [name] } })),
      this.call('network.list', () =>
        this.docker.listNetworks({ filters: { label: labelFilter(this.namespace, sessionId) } }),
      ),
    ]);
    const networks = new Map<string, CreatedObject>();
    for (const network of [...byName.filter((item) => item.Name === name), ...byLabel])
      networks.set(network.Id, network);
    return oldestFirst([...networks.values()]).map((network) => network.Id);
  }

  // Docker 20.10 checks duplicate network names only on a best-effort basis: two workers creating
  // a session's network at once can both succeed, and a container on a name that two networks
  // carry cannot start ("ambiguous"). Containers refer to their network by name, so it does not
  // matter which copy survives: everyone keeps the oldest and deletes unused younger copies.
  private async ensureNetwork(name: string, sessionId: string): Promise<void> {
    if ((await this.findNetworks(name)).length === 0) {
      try {
        await this.docker.createNetwork({
          Name: name,
          Driver: 'bridge',
          CheckDuplicate: true,
          Labels: sessionLabels(this.namespace, sessionId),
        });
      } catch (error) {
        if (statusOf(error) !== 409) throw dockerFailure('network.create', error);
      }
    }
    await this.dedupeNetworks(name);
  }

  private async dedupeNetworks(name: string): Promise<void> {
    const [, ...younger] = await this.findNetworks(name);
    for (const id of younger) {
      try {
        const info = (await this.docker.getNetwork(id).inspect()) as { Containers?: Record<string, unknown> };
        if (Object.keys(info.Containers ?? {}).length > 0) continue;
        await this.docker.getNetwork(id).remove();
      } catch {
        // Removed by the other worker, or just got an endpoint: either way not ours to fix.
      }
    }
  }

  /** Ids of the networks with exactly this name, oldest first. */
  private async findNetworks(name: string): Promise<string[]> {
    const networks = await this.call('network.list', () =>
      this.docker.listNetworks({ filters: { name: [name] } }),
    );
    return oldestFirst(networks.filter((network) => network.Name === name)).map((network) => network.Id);
  }

  private async joinNetwork(networkId: string): Promise<void> {
    const peer = this.options.joinNetworksAs;
    if (!peer || this.joinedNetworks.has(networkId)) return;
    try {
      await this.docker.getNetwork(networkId).connect({ Container: peer });
    } catch (error) {
      if (!/already exists|already attached/i.test(reasonOf(error)))
        throw dockerFailure('network.connect', error);
    }
    this.joinedNetworks.add(networkId);
  }

  private async removeNetwork(id: string): Promise<void> {
    const network = this.docker.getNetwork(id);
    let attached: string[];
    try {
      const info = (await network.inspect()) as { Containers?: Record<string, unknown> };
      attached = Object.keys(info.Containers ?? {});
    } catch (error) {
      if (statusOf(error) === 404) return;
      throw dockerFailure('network.inspect', error);
    }
    // Workers joined to it (joinNetworksAs) would keep it busy.
    for (const container of attached) {
      await this.ignoreAbsent('network.disconnect', () =>
        network.disconnect({ Container: container, Force: true }),
      );
    }
    await this.ignoreAbsent('network.remove', () => network.remove());
    this.joinedNetworks.delete(id);
  }

  private async logTail(id: string): Promise<string> {
    try {
      const output: unknown = await this.docker
        .getContainer(id)
        .logs({ stdout: true, stderr: true, tail: LOG_TAIL_LINES, follow: false });
      return demuxDockerLog(Buffer.isBuffer(output) ? output : Buffer.from(String(output))).trimEnd();
    } catch {
      return '';
    }
  }

  private async call<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw dockerFailure(operation, error);
    }
  }

  private async ignoreAbsent(operation: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (statusOf(error) !== 404) throw dockerFailure(operation, error);
    }
  }
}

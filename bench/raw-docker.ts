import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import type { ContainerCreateOptions, MountSettings } from 'dockerode';
import { LABELS } from '../server/src/runtime/runtime-names.js';

/** What a copy of a session's container mounts where (the session's own mounts are dropped). */
export interface RawMounts {
  /** Volume names for `/workspace` and `/agent-data`; ones this class does not know yet it creates. */
  workspace: string;
  agentData: string;
  /** Mount the workspace read-only (a copy reading a session's own volume). */
  workspaceReadOnly?: boolean;
  /** A host directory mounted read-only at /bench: raw-transfer.mjs and its job files. */
  benchDir: string;
}

const KEEP_ALIVE = ['node', '-e', 'setInterval(() => {}, 1 << 30)'];
const HEALTH_POLL_MS = 10;

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

/**
 * Containers like a session's, made with dockerode directly (no runtime, no activator, no
 * database): the baselines of the workspace benches. They carry the namespace's labels, so a run
 * that dies leaves nothing the bench command's cleanup would miss; `dispose` removes them all.
 */
export class RawDocker {
  private readonly containers = new Set<string>();
  private readonly volumes = new Set<string>();
  private readonly networks = new Set<string>();

  constructor(
    private readonly docker: Docker,
    private readonly namespace: string,
  ) {}

  /** A name in the namespace, never one of a session's (`<namespace>-session-<id>` and so on). */
  name(suffix: string): string {
    return `${this.namespace}-raw-${suffix}`;
  }

  /**
   * The create options of a session's container with other volumes and network: same image,
   * command, environment (executor token included), user, limits, tmpfs and host alias. `keepAlive`
   * replaces the executor by an idle process, for copies that only run raw-transfer.mjs.
   */
  async copyOf(
    container: string,
    mounts: RawMounts,
    options: { network: string; keepAlive?: boolean },
  ): Promise<ContainerCreateOptions> {
    const { Config: config, HostConfig: host } = await this.docker.getContainer(container).inspect();
    const kept = ((host as { Mounts?: MountSettings[] }).Mounts ?? []).filter(
      (mount) => mount.Type === 'bind' && mount.Target !== '/bench',
    );
    return {
      Image: config.Image,
      Cmd: options.keepAlive ? KEEP_ALIVE : config.Cmd,
      Env: config.Env,
      User: config.User,
      WorkingDir: config.WorkingDir,
      Labels: this.labels(),
      HostConfig: {
        Memory: host.Memory,
        MemorySwap: host.MemorySwap,
        NanoCpus: host.NanoCpus,
        PidsLimit: host.PidsLimit,
        CapDrop: host.CapDrop as string[],
        SecurityOpt: host.SecurityOpt as string[],
        Privileged: false,
        Init: host.Init,
        IpcMode: host.IpcMode,
        Tmpfs: host.Tmpfs,
        ExtraHosts: host.ExtraHosts as string[],
        RestartPolicy: { Name: 'no' },
        NetworkMode: options.network,
        Mounts: [
          ...kept,
          {
            Type: 'volume',
            Source: mounts.workspace,
            Target: '/workspace',
            ReadOnly: mounts.workspaceReadOnly ?? false,
          },
          { Type: 'volume', Source: mounts.agentData, Target: '/agent-data' },
          { Type: 'bind', Source: mounts.benchDir, Target: '/bench', ReadOnly: true },
        ],
      },
    };
  }

  /** `docker network create` (a bridge, as a session's). */
  async createNetwork(name: string): Promise<void> {
    this.networks.add(name);
    await this.docker.createNetwork({ Name: name, Driver: 'bridge', Labels: this.labels() });
  }

  /** `docker run -d`: the volumes it names that are ours and missing are created first, as `-v` would. */
  async run(name: string, options: ContainerCreateOptions): Promise<void> {
    for (const mount of options.HostConfig?.Mounts ?? []) {
      if (mount.Type !== 'volume' || !mount.Source?.startsWith(this.name(''))) continue;
      if (this.volumes.has(mount.Source)) continue;
      this.volumes.add(mount.Source);
      await this.docker.createVolume({ Name: mount.Source, Labels: this.labels() });
    }
    this.containers.add(name);
    const container = await this.docker.createContainer({ ...options, name });
    await container.start();
  }

  async start(name: string): Promise<void> {
    await this.docker.getContainer(name).start();
  }

  async stop(name: string): Promise<void> {
    await this.docker.getContainer(name).stop({ t: 5 });
  }

  /** The container's address on its network and its executor token: where its executor answers. */
  async executor(name: string): Promise<{ url: string; token: string }> {
    const info = await this.docker.getContainer(name).inspect();
    const address = Object.values(info.NetworkSettings.Networks).find(
      (network) => network.IPAddress,
    )?.IPAddress;
    const token = info.Config.Env.find((item) => item.startsWith('EXECUTOR_TOKEN='))?.slice(15);
    if (!address || !token) throw new Error(`${name} has no address or no executor token`);
    return { url: `http://${address}:7070`, token };
  }

  /** `docker rm -f -v`, then `docker volume rm` and `docker network rm` of what it used. */
  async remove(name: string): Promise<void> {
    const info = await this.docker.getContainer(name).inspect();
    await this.docker.getContainer(name).remove({ force: true, v: true });
    this.containers.delete(name);
    for (const mount of info.Mounts) {
      if (mount.Type === 'volume' && mount.Name && this.volumes.delete(mount.Name))
        await this.docker.getVolume(mount.Name).remove();
    }
    const network = info.HostConfig.NetworkMode;
    if (network && this.networks.delete(network)) await this.docker.getNetwork(network).remove();
  }

  /** Removes everything made here; what is gone already is fine. */
  async dispose(): Promise<void> {
    const ignoreAbsent = (error: unknown) => {
      if (statusOf(error) !== 404) throw error;
    };
    for (const name of this.containers)
      await this.docker.getContainer(name).remove({ force: true, v: true }).catch(ignoreAbsent);
    for (const name of this.volumes) await this.docker.getVolume(name).remove().catch(ignoreAbsent);
    for (const name of this.networks) await this.docker.getNetwork(name).remove().catch(ignoreAbsent);
    this.containers.clear();
    this.volumes.clear();
    this.networks.clear();
  }

  private labels(): Record<string, string> {
    return { [LABELS.managed]: 'true', [LABELS.namespace]: this.namespace };
  }
}

/** Polls `GET /health` every 10 ms until the executor answers ok: the least a wait for it costs. */
export async function waitAnswering(
  executor: { url: string; token: string },
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${executor.url}/health`, {
        headers: { authorization: `Bearer ${executor.token}` },
        signal: AbortSignal.timeout(1_000),
      });
      if (response.ok && ((await response.json()) as { ok?: unknown }).ok === true) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${executor.url} did not answer within ${timeoutMs} ms`);
    await sleep(HEALTH_POLL_MS);
  }
}

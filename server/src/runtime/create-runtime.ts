import type Docker from 'dockerode';
import type { Logger } from '../logger.js';
import { DockerRuntime } from './docker-runtime.js';
import { ProcessRuntime } from './process-runtime.js';
import { RuntimeUnavailableError } from './runtime.errors.js';
import type { SessionRuntime } from './session-runtime.js';

export type RuntimeChoice = 'auto' | 'docker' | 'process';

export interface CreateRuntimeOptions {
  /** `auto`: Docker when the engine answers, else the (unsandboxed) process runtime. */
  kind: RuntimeChoice;
  /** The engine client; null when none is configured (then only `process` or `auto` work). */
  docker: Docker | null;
  /** Prefix of Docker object names (docker runtime). */
  namespace: string;
  /** Where the process runtime keeps one directory per session. */
  dataDir: string;
  /**
   * Executor bundle directory: bind-mounted into containers (null when the image carries the
   * executor) and run directly by the process runtime (which then needs it).
   */
  executorDir: string | null;
  /** See DockerRuntimeOptions.agentClisDir (the docker runtime only). */
  agentClisDir?: string | null;
  /** Session image for the docker runtime; default: the offline-built base image. */
  image?: string;
  memoryMb?: number;
  cpus?: number;
  pidsLimit?: number;
  healthTimeoutMs?: number;
  /** See DockerRuntimeOptions.joinNetworksAs. */
  joinNetworksAs?: string | null;
  log: Logger;
}

async function dockerAnswers(docker: Docker, timeoutMs: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      docker.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return null;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    return failure.code ? `${failure.code}: ${failure.message}` : failure.message;
  } finally {
    clearTimeout(timer);
  }
}

/** Chooses and builds the session runtime once, at start-up. */
export async function createRuntime(options: CreateRuntimeOptions): Promise<SessionRuntime> {
  const { kind, log } = options;
  if (kind === 'docker' || kind === 'auto') {
    const failure = options.docker
      ? await dockerAnswers(options.docker, 5_000)
      : 'no Docker engine is configured';
    if (failure === null && options.docker) {
      return new DockerRuntime({
        docker: options.docker,
        namespace: options.namespace,
        image: options.image,
        executorDir: options.executorDir,
        agentClisDir: options.agentClisDir,
        memoryMb: options.memoryMb,
        cpus: options.cpus,
        pidsLimit: options.pidsLimit,
        healthTimeoutMs: options.healthTimeoutMs,
        joinNetworksAs: options.joinNetworksAs,
        log,
      });
    }
    if (kind === 'docker') throw new RuntimeUnavailableError('docker.ping', failure ?? 'no Docker engine');
    log.warn(
      { runtime: 'process', reason: failure },
      'Docker does not answer: sessions run as plain processes on this machine, UNSANDBOXED',
    );
  }
  if (kind === 'process')
    log.warn({ runtime: 'process' }, 'sessions run as plain processes on this machine, UNSANDBOXED');
  if (options.executorDir === null) {
    throw new Error('the process runtime needs executorDir (the directory of executor.mjs)');
  }
  return new ProcessRuntime({
    dataDir: options.dataDir,
    executorDir: options.executorDir,
    healthTimeoutMs: options.healthTimeoutMs,
    log,
  });
}

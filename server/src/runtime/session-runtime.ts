/**
 * Where a session's executor runs. The job worker asks for a session to be up and gets back how to
 * reach its executor; the implementation (Docker containers, or child processes on machines
 * without Docker) is chosen once at start-up.
 */

export type RuntimeKind = 'docker' | 'process';

/** How the worker reaches a session's executor. */
export interface ExecutorEndpoint {
  /** Base URL, e.g. http://172.18.0.2:7070 */
  url: string;
  /** Per-session secret, sent as `Authorization: Bearer <token>`; never logged. */
  token: string;
}

export interface SessionSpec {
  sessionId: string;
  /** Container image; null means the platform's session image. */
  image: string | null;
  /** Extra environment for the agent (provider endpoints, keys); never logged. */
  env: Record<string, string>;
}

export type RuntimeState = 'running' | 'stopped' | 'absent';

export interface RuntimeStatus {
  state: RuntimeState;
  /** Container id (docker) or pid (process), when one exists. */
  instanceId: string | null;
}

export interface SessionRuntime {
  readonly kind: RuntimeKind;
  /** True when sessions are isolated from the host (containers); false for the process runtime. */
  readonly sandboxed: boolean;
  /**
   * Makes the session's executor answer health: creates it if absent, starts it if stopped,
   * returns the endpoint of a running one. Idempotent; safe to call from two workers at once.
   */
  ensureRunning(spec: SessionSpec): Promise<ExecutorEndpoint>;
  /** Stops the session's executor, keeping its workspace. No-op if not running. */
  stop(sessionId: string): Promise<void>;
  /** Removes the executor and its workspace volume. No-op if absent. */
  remove(sessionId: string): Promise<void>;
  status(sessionId: string): Promise<RuntimeStatus>;
  /**
   * How to reach the executor of a session that is running now, without starting anything
   * (used by the API to forward cancels and human-loop answers); null when it is not running.
   */
  endpoint(sessionId: string): Promise<ExecutorEndpoint | null>;
  /**
   * Every session of this deployment that the runtime holds anything of (for reconciliation): its
   * container or process, with `state` as `status` reports it, or only what outlives the container
   * (workspace volumes, network): `absent`, without an instance.
   */
  list(): Promise<RuntimeInstance[]>;
}

export interface RuntimeInstance {
  sessionId: string;
  /** Container id (docker) or pid (process); null when only the session's storage is left. */
  instanceId: string | null;
  state: RuntimeState;
}

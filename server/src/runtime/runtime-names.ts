import { randomBytes } from 'node:crypto';
import { InvalidRuntimeNameError } from './runtime.errors.js';

/** Port the executor listens on inside a session container. */
export const EXECUTOR_PORT = 7070;

/** Label keys every Docker object of a session carries; `list` and cleanup select by them. */
export const LABELS = {
  managed: 'agentbench.managed',
  namespace: 'agentbench.namespace',
  session: 'agentbench.session',
} as const;

// Docker's own rule for names, kept short so `<namespace>-agent-<id>` stays readable; also safe as
// a single path segment (no '/', not '.' or '..') for the process runtime's directories.
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/;

export function isRuntimeName(value: string): boolean {
  return NAME.test(value);
}

export function assertRuntimeName(what: string, value: string): void {
  if (!isRuntimeName(value)) throw new InvalidRuntimeNameError(what, value);
}

export interface SessionResourceNames {
  container: string;
  network: string;
  workspaceVolume: string;
  agentVolume: string;
}

/** The names of a session's container, network and volumes within a namespace. */
export function sessionResourceNames(namespace: string, sessionId: string): SessionResourceNames {
  assertRuntimeName('namespace', namespace);
  assertRuntimeName('session id', sessionId);
  return {
    container: `${namespace}-session-${sessionId}`,
    network: `${namespace}-net-${sessionId}`,
    workspaceVolume: `${namespace}-ws-${sessionId}`,
    agentVolume: `${namespace}-agent-${sessionId}`,
  };
}

export function sessionLabels(namespace: string, sessionId: string): Record<string, string> {
  return { [LABELS.managed]: 'true', [LABELS.namespace]: namespace, [LABELS.session]: sessionId };
}

/** Docker `filters.label` selecting everything of a namespace, or of one session in it. */
export function labelFilter(namespace: string, sessionId?: string): string[] {
  const filter = [`${LABELS.managed}=true`, `${LABELS.namespace}=${namespace}`];
  if (sessionId !== undefined) filter.push(`${LABELS.session}=${sessionId}`);
  return filter;
}

/** A fresh per-instance executor secret: 32 random bytes, base64url. */
export function newExecutorToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Variables the runtime sets for the executor; an app's env can never override them. */
export const RESERVED_ENV = [
  'EXECUTOR_TOKEN',
  'EXECUTOR_HOST',
  'EXECUTOR_PORT',
  'WORKSPACE_DIR',
  'AGENT_DATA_DIR',
] as const;

export type ExecutorEnv = Record<(typeof RESERVED_ENV)[number], string>;

/** The agent's env first, then the executor's own settings, which win over any clash. */
export function executorEnvironment(
  agentEnv: Record<string, string>,
  executor: ExecutorEnv,
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries(agentEnv)) {
    if (!(RESERVED_ENV as readonly string[]).includes(key)) merged[key] = value;
  }
  return { ...merged, ...executor };
}

/** `KEY=value` list for Docker's `Env`. */
export function toDockerEnv(env: Record<string, string>): string[] {
  return Object.entries(env).map(([key, value]) => `${key}=${value}`);
}

/** Reads one variable back from Docker's `Config.Env`. */
export function readDockerEnv(env: readonly string[] | null | undefined, key: string): string | null {
  const prefix = `${key}=`;
  const entry = (env ?? []).find((item) => item.startsWith(prefix));
  return entry === undefined ? null : entry.slice(prefix.length);
}

/** Replaces every occurrence of the secrets in text, for log tails that end up in error messages. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out;
}

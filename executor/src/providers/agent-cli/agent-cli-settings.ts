import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ClassifiedError } from '../../runs/classified-error.js';

/** What the executor hands the agent-CLI providers from its environment (read once, in config). */
export interface AgentCliSettings {
  /**
   * A node_modules directory holding the provider packages' native CLIs; null: found by Node's
   * module resolution from the executor's own location.
   */
  clisDir: string | null;
  /**
   * Provider endpoints and keys of this deployment (ANTHROPIC_BASE_URL, ANTHROPIC_API_KEY,
   * CODEX_BASE_URL, CODEX_API_KEY, OPENCODE_BASE_URL, OPENCODE_API_KEY), plus HOME, PATH and TMPDIR
   * for the child processes. Never logged, never in events.
   */
  env: Record<string, string>;
}

/** The variables of the executor's environment an agent CLI may see. */
export const AGENT_ENV_KEYS = [
  'HOME',
  'PATH',
  'TMPDIR',
  'LANG',
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_API_KEY',
  'CODEX_BASE_URL',
  'CODEX_API_KEY',
  'OPENCODE_BASE_URL',
  'OPENCODE_API_KEY',
] as const;

const require = createRequire(import.meta.url);

/** Platform triple of the CLI packages' native builds (`linux-x64`, `darwin-arm64`, ...). */
function platformKey(): string {
  return `${process.platform}-${process.arch}`;
}

/** A file inside an npm package, found under `clisDir` or by Node's resolution; null when absent. */
export function packageFile(settings: AgentCliSettings, pkg: string, file: string): string | null {
  if (settings.clisDir !== null) {
    const path = join(settings.clisDir, pkg, file);
    return existsSync(path) ? path : null;
  }
  try {
    const path = join(dirname(require.resolve(`${pkg}/package.json`)), file);
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const CODEX_TRIPLES: Record<string, string> = {
  'linux-x64': 'x86_64-unknown-linux-musl',
  'linux-arm64': 'aarch64-unknown-linux-musl',
  'darwin-x64': 'x86_64-apple-darwin',
  'darwin-arm64': 'aarch64-apple-darwin',
};

/** Where each CLI's native binary lives in its npm package for this platform. */
export const CLI_BINARIES = {
  'claude-code': (settings: AgentCliSettings) =>
    packageFile(settings, `@anthropic-ai/claude-agent-sdk-${platformKey()}`, 'claude'),
  'codex-cli': (settings: AgentCliSettings) => {
    const triple = CODEX_TRIPLES[platformKey()];
    return triple
      ? packageFile(settings, `@openai/codex-${platformKey()}`, `vendor/${triple}/bin/codex`)
      : null;
  },
  opencode: (settings: AgentCliSettings) =>
    packageFile(settings, `opencode-${platformKey()}`, 'bin/opencode'),
} as const;

/** The binary, or a classified error that tells the operator what to install. */
export function requireBinary(provider: keyof typeof CLI_BINARIES, settings: AgentCliSettings): string {
  const path = CLI_BINARIES[provider](settings);
  if (path === null) {
    throw new ClassifiedError(
      'capability_missing',
      `the ${provider} CLI is not installed next to this executor (platform ${platformKey()})`,
      `Use a session image that carries the agent CLIs (docker/session.Dockerfile), or set AGENT_CLIS_DIR to a node_modules directory that has them.`,
    );
  }
  return path;
}

/** The base environment of a CLI child process: only what it needs, never the executor's token. */
export function baseChildEnv(settings: AgentCliSettings): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['HOME', 'PATH', 'TMPDIR', 'LANG'] as const) {
    const value = settings.env[key];
    if (value !== undefined) env[key] = value;
  }
  env.PATH ??= '/usr/local/bin:/usr/bin:/bin';
  return env;
}

/** Imports a provider package, turning "not installed" into a classified error. */
export async function importProvider<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new ClassifiedError(
      'capability_missing',
      `the ${name} package is not installed next to this executor: ${error instanceof Error ? error.message : String(error)}`,
      'Use a session image that carries the agent providers (docker/session.Dockerfile).',
    );
  }
}

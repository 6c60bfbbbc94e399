import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Where the agent CLIs live on disk. The executor loads the provider packages lazily (they are not
 * in its bundle) and spawns their native CLIs; both come from a node_modules directory: baked into
 * the production session image, or, for development and tests, the host's installed copy mounted
 * read-only into the platform's own offline image (DESIGN: "a dev or test image may instead mount
 * the host's installed copy read-only").
 */

/** The providers that run an agent CLI. */
export type AgentCliProvider = 'CLAUDE_CODE' | 'CODEX_CLI' | 'OPENCODE';

const PLATFORM = `${process.platform}-${process.arch}`;
const CODEX_TRIPLES: Record<string, string> = {
  'linux-x64': 'x86_64-unknown-linux-musl',
  'linux-arm64': 'aarch64-unknown-linux-musl',
  'darwin-x64': 'x86_64-apple-darwin',
  'darwin-arm64': 'aarch64-apple-darwin',
};

/** Each CLI's native binary in its npm package for this platform (the layout the executor uses). */
export const AGENT_CLI_BINARIES: Record<AgentCliProvider, { pkg: string; file: string }> = {
  CLAUDE_CODE: { pkg: `@anthropic-ai/claude-agent-sdk-${PLATFORM}`, file: 'claude' },
  CODEX_CLI: {
    pkg: `@openai/codex-${PLATFORM}`,
    file: `vendor/${CODEX_TRIPLES[PLATFORM] ?? 'unknown'}/bin/codex`,
  },
  OPENCODE: { pkg: `opencode-${PLATFORM}`, file: 'bin/opencode' },
};

/** The provider packages the executor imports on first use. */
const PROVIDER_PACKAGES = [
  'ai-sdk-provider-claude-code',
  'ai-sdk-provider-codex-cli',
  'ai-sdk-provider-opencode-sdk',
];

/** The native binaries of the agent CLIs found in a node_modules directory. */
export function agentCliBinaries(nodeModulesDir: string): string[] {
  return Object.values(AGENT_CLI_BINARIES)
    .map(({ pkg, file }) => join(nodeModulesDir, pkg, file))
    .filter((path) => existsSync(path));
}

/**
 * The node_modules directory Node resolves the executor bundle's provider imports from: the
 * nearest one above the bundle that holds a provider package (npm hoists them to the repository's
 * root). Null when none is installed.
 */
export function findAgentClisDir(executorDir: string): string | null {
  for (let dir = resolve(executorDir); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules');
    if (PROVIDER_PACKAGES.some((pkg) => existsSync(join(candidate, pkg, 'package.json')))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The host directory to mount into session containers as their agent CLIs: the configured one
 * (null: never), else, for the platform's own offline image, the node_modules the executor bundle
 * resolves from. A configured image (SESSION_IMAGE) is expected to carry the CLIs itself.
 */
export function sessionAgentClisDir(
  configured: string | null | undefined,
  image: string | undefined,
  executorDir: string | null,
): string | null {
  if (configured !== undefined) return configured === null ? null : resolve(configured);
  if (image !== undefined || executorDir === null) return null;
  return findAgentClisDir(executorDir);
}

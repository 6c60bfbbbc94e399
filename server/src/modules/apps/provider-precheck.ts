import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { AgentEndpoints } from '../../config.js';
import { AGENT_CLI_BINARIES } from '../../runtime/agent-clis.js';
import { urlFromServer } from '../../runtime/host-alias.js';
import type { RuntimeKind } from '../../runtime/session-runtime.js';
import type { App, Provider } from './app.entity.js';
import { optionProblems, resolveEndpoint } from './provider-settings.js';

export interface PrecheckItem {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Precheck {
  ok: boolean;
  checks: PrecheckItem[];
}

const require = createRequire(import.meta.url);

/** Vendor endpoints the CLIs use when the deployment names none. */
const DEFAULT_ENDPOINTS: Record<Exclude<Provider, 'SCRIPTED'>, string> = {
  CLAUDE_CODE: 'https://api.anthropic.com',
  CODEX_CLI: 'https://api.openai.com/v1',
  OPENCODE: "the model provider's default endpoint",
};

function binaryPath(provider: Exclude<Provider, 'SCRIPTED'>): string | null {
  const { pkg, file } = AGENT_CLI_BINARIES[provider];
  try {
    const path = join(dirname(require.resolve(`${pkg}/package.json`)), file);
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

async function versionOf(binary: string): Promise<string> {
  const { stdout } = await promisify(execFile)(binary, ['--version'], { timeout: 10_000 });
  return stdout.trim().split('\n')[0] ?? '';
}

async function reachable(url: string): Promise<string | null> {
  try {
    const response = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(3_000) });
    await response.body?.cancel();
    return null;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return cause ?? (error instanceof Error ? error.message : String(error));
  }
}

/**
 * PR7: can this app's runs start? The CLI installed next to the executor (and its version), the
 * options valid, an endpoint and credentials configured, the endpoint answering where sessions of
 * this runtime reach it. Never shows a key.
 */
export async function precheckApp(app: App, agents: AgentEndpoints, runtime: RuntimeKind): Promise<Precheck> {
  const checks: PrecheckItem[] = [];
  const problems = optionProblems(app.provider, app.options);
  checks.push({
    name: 'options',
    ok: problems.length === 0,
    detail: problems.length === 0 ? 'the app options are valid' : problems.join('; '),
  });
  if (app.provider !== 'SCRIPTED') {
    const binary = binaryPath(app.provider);
    if (binary === null) {
      checks.push({
        name: 'cli',
        ok: false,
        detail: `${AGENT_CLI_BINARIES[app.provider].pkg} is not installed next to the executor; install the executor's dependencies or use the session image that bakes the CLIs`,
      });
    } else {
      try {
        checks.push({ name: 'cli', ok: true, detail: `${await versionOf(binary)}` });
      } catch (error) {
        checks.push({ name: 'cli', ok: false, detail: `the CLI does not run: ${(error as Error).message}` });
      }
    }
    const endpoint = resolveEndpoint(app, agents);
    const baseUrl = endpoint?.baseUrl;
    checks.push({
      name: 'endpoint',
      ok: true,
      detail: baseUrl ? `${baseUrl}` : `${DEFAULT_ENDPOINTS[app.provider]} (no endpoint configured)`,
    });
    checks.push({
      name: 'credentials',
      ok: Boolean(endpoint?.apiKey),
      detail: endpoint?.keyProblem
        ? endpoint.keyProblem
        : endpoint?.keySource
          ? `a key is configured (${endpoint.keySource})`
          : 'no API key is configured: set the provider key on the server or name one with the apiKeyRef option',
    });
    if (baseUrl) {
      const checked = await urlFromServer(baseUrl, runtime);
      const failure = await reachable(checked);
      const via = checked === baseUrl ? '' : ` (checked from the server as ${checked})`;
      checks.push({
        name: 'reachable',
        ok: failure === null,
        detail:
          failure === null ? `${baseUrl} answers${via}` : `${baseUrl} does not answer${via}: ${failure}`,
      });
    }
  }
  return { ok: checks.every((check) => check.ok), checks };
}

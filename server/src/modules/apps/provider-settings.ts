import { z } from 'zod';
import type { AgentEndpoint, AgentEndpoints } from '../../config.js';
import { urlForSessions } from '../../runtime/host-alias.js';
import type { RuntimeKind } from '../../runtime/session-runtime.js';
import type { App, Provider } from './app.entity.js';
import type { Capability } from './capabilities.js';
import { PROVIDER_CAPABILITIES } from './capabilities.js';

/** A working directory inside the workspace. */
const relativeDir = z
  .string()
  .min(1)
  .refine((value) => !value.startsWith('/') && !value.split(/[\\/]/).includes('..'), {
    message: 'must be a path inside the workspace, relative, without ".."',
  });

/** Options every agent app may carry: where its endpoint is and which deployment key it uses. */
const endpointOptions = {
  /** Overrides the deployment's endpoint for this app (gateway, proxy, local model). */
  baseUrl: z.url().optional(),
  /** Names a deployment key (`AGENT_KEY_<NAME>`); the secret itself is never stored with the app. */
  apiKeyRef: z
    .string()
    .regex(/^[A-Z0-9_]+$/, 'must be the NAME of an AGENT_KEY_<NAME> variable')
    .optional(),
};

/** What each provider's app options may say (PR3). Unknown keys are mistakes and are reported. */
export const PROVIDER_OPTION_SCHEMAS: Record<Provider, z.ZodType<Record<string, unknown>>> = {
  SCRIPTED: z.object({}).loose(),
  CLAUDE_CODE: z.strictObject({
    ...endpointOptions,
    permissionMode: z.enum(['default', 'acceptEdits', 'bypassPermissions', 'plan', 'dontAsk']).optional(),
    allowedTools: z.array(z.string().min(1)).optional(),
    disallowedTools: z.array(z.string().min(1)).optional(),
    maxTurns: z.number().int().min(1).max(500).optional(),
    cwd: relativeDir.optional(),
    todoTools: z.enum(['todo', 'tasks']).optional(),
  }),
  CODEX_CLI: z.strictObject({
    ...endpointOptions,
    approvalPolicy: z.enum(['untrusted', 'on-request', 'on-failure', 'never']).optional(),
    sandbox: z.enum(['read-only', 'workspace-write', 'danger-full-access']).optional(),
    reasoningEffort: z.enum(['minimal', 'low', 'medium', 'high']).optional(),
    cwd: relativeDir.optional(),
  }),
  OPENCODE: z.strictObject({
    ...endpointOptions,
    agent: z.string().min(1).optional(),
    permission: z.record(z.string().min(1), z.enum(['allow', 'ask', 'deny'])).optional(),
    tools: z.record(z.string().min(1), z.boolean()).optional(),
    cwd: relativeDir.optional(),
  }),
};

/** Problems with an app's options, one line each (path: message); empty when they are fine. */
export function optionProblems(provider: Provider, options: unknown): string[] {
  const result = PROVIDER_OPTION_SCHEMAS[provider].safeParse(options ?? {});
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
}

/** The environment variable names each provider's endpoint and key reach the executor under. */
const ENV_NAMES: Record<Exclude<Provider, 'SCRIPTED'>, { baseUrl: string; apiKey: string }> = {
  CLAUDE_CODE: { baseUrl: 'ANTHROPIC_BASE_URL', apiKey: 'ANTHROPIC_API_KEY' },
  CODEX_CLI: { baseUrl: 'CODEX_BASE_URL', apiKey: 'CODEX_API_KEY' },
  OPENCODE: { baseUrl: 'OPENCODE_BASE_URL', apiKey: 'OPENCODE_API_KEY' },
};

function deploymentEndpoint(provider: Exclude<Provider, 'SCRIPTED'>, agents: AgentEndpoints): AgentEndpoint {
  switch (provider) {
    case 'CLAUDE_CODE':
      return agents.claudeCode;
    case 'CODEX_CLI':
      return agents.codexCli;
    case 'OPENCODE':
      return agents.opencode;
  }
}

export interface ResolvedEndpoint {
  baseUrl: string | undefined;
  apiKey: string | undefined;
  /** Where the key comes from, for diagnostics (never the key). */
  keySource: string | null;
  /** A problem with the app's `apiKeyRef`, if any. */
  keyProblem: string | null;
}

/** The endpoint and key an app's runs use: the app's options over the deployment's settings. */
export function resolveEndpoint(app: App, agents: AgentEndpoints): ResolvedEndpoint | null {
  if (app.provider === 'SCRIPTED') return null;
  const names = ENV_NAMES[app.provider];
  const deployment = deploymentEndpoint(app.provider, agents);
  const options = app.options ?? {};
  const baseUrl = typeof options.baseUrl === 'string' ? options.baseUrl : deployment.baseUrl;
  const ref = typeof options.apiKeyRef === 'string' ? options.apiKeyRef : null;
  if (ref !== null) {
    const key = agents.keys[ref];
    return key
      ? { baseUrl, apiKey: key, keySource: `AGENT_KEY_${ref}`, keyProblem: null }
      : {
          baseUrl,
          apiKey: undefined,
          keySource: null,
          keyProblem: `the app names the key ${ref}, but AGENT_KEY_${ref} is not set on the server`,
        };
  }
  return {
    baseUrl,
    apiKey: deployment.apiKey,
    keySource: deployment.apiKey ? names.apiKey : null,
    keyProblem: null,
  };
}

/**
 * The environment of a session's container for its app: the provider's endpoint (as sessions of
 * this runtime reach it) and key, and nothing for the other providers (credentials go only where
 * they are needed).
 */
export function providerEnvironment(
  app: App,
  agents: AgentEndpoints,
  runtime: RuntimeKind,
): Record<string, string> {
  if (app.provider === 'SCRIPTED') return {};
  const endpoint = resolveEndpoint(app, agents);
  const names = ENV_NAMES[app.provider];
  const env: Record<string, string> = {};
  if (endpoint?.baseUrl) env[names.baseUrl] = urlForSessions(endpoint.baseUrl, runtime);
  if (endpoint?.apiKey) env[names.apiKey] = endpoint.apiKey;
  return env;
}

/** Whether a run on this app would stop to ask a human (permission prompts or questions). */
function asksHuman(app: App): boolean {
  const options = app.options ?? {};
  switch (app.provider) {
    case 'SCRIPTED':
      return false;
    case 'CLAUDE_CODE':
      return options.permissionMode !== 'bypassPermissions' && options.permissionMode !== 'dontAsk';
    case 'CODEX_CLI':
      return options.approvalPolicy !== 'never';
    case 'OPENCODE':
      return true;
  }
}

/** What an app can do with its options (PR4): the provider's table, narrowed by the app's mode. */
export function appCapabilities(app: App): Capability[] {
  return [...PROVIDER_CAPABILITIES[app.provider]];
}

export type RunGate =
  | { kind: 'blocked'; message: string; suggestion: string }
  | { kind: 'go'; resumeId: string | null; warnings: string[] };

/**
 * Decides, before a run starts, whether the app can do what the run needs (PR4): the human loop
 * is required where the app's mode asks; resume is dropped with a warning where unsupported.
 */
export function gateRun(app: App, resumeId: string | null, capabilities = appCapabilities(app)): RunGate {
  const problems = optionProblems(app.provider, app.options);
  if (problems.length > 0) {
    return {
      kind: 'blocked',
      message: `the app's ${app.provider} options are invalid: ${problems.join('; ')}`,
      suggestion: `Fix the app's options (${problems.join('; ')}), then send the message again.`,
    };
  }
  if (asksHuman(app) && !capabilities.includes('HUMAN_LOOP')) {
    return {
      kind: 'blocked',
      message: `the ${app.provider} provider cannot ask a human in this mode, but the app's settings make it ask`,
      suggestion:
        app.provider === 'CODEX_CLI'
          ? 'Set the app\'s approvalPolicy to "never", or run Codex in app-server mode.'
          : 'Set the app to a permission mode that does not ask (e.g. bypassPermissions), or pick a provider that supports the human loop.',
    };
  }
  const warnings: string[] = [];
  if (resumeId !== null && !capabilities.includes('RESUME')) {
    warnings.push(
      `the ${app.provider} provider cannot resume the agent's earlier conversation; this message starts a new agent session`,
    );
    return { kind: 'go', resumeId: null, warnings };
  }
  return { kind: 'go', resumeId, warnings };
}

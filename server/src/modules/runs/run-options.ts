import { z } from 'zod';
import { ValidationError, type FieldIssue } from '../../errors.js';
import type { App, Provider } from '../apps/app.entity.js';
import { PROVIDER_OPTION_SCHEMAS } from '../apps/provider-settings.js';

/**
 * Settings for one run over the app's (PR3): the model, the system prompt, the working directory,
 * a fresh agent conversation, and the provider's own permission settings. Stored on the run as
 * given, so a retried attempt runs with the same settings.
 */
export interface RunOptions {
  model?: string;
  systemPrompt?: string;
  /** Relative to the workspace, like the apps' `cwd`. */
  cwd?: string;
  /** Start a new agent conversation instead of resuming the session's. */
  newAgentSession?: boolean;
  permissionMode?: string;
  allowedTools?: string[];
  approvalPolicy?: string;
  sandbox?: string;
}

const MAX_MODEL = 200;
const MAX_SYSTEM_PROMPT = 50_000;

/** Which run options each provider takes; the rest are mistakes, reported with the provider's name. */
const PROVIDER_KEYS: Record<Provider, readonly (keyof RunOptions)[]> = {
  SCRIPTED: ['model', 'systemPrompt', 'newAgentSession'],
  CLAUDE_CODE: ['model', 'systemPrompt', 'cwd', 'newAgentSession', 'permissionMode', 'allowedTools'],
  CODEX_CLI: ['model', 'systemPrompt', 'cwd', 'newAgentSession', 'approvalPolicy', 'sandbox'],
  OPENCODE: ['model', 'systemPrompt', 'cwd', 'newAgentSession'],
};

const PROVIDER_LABELS: Record<Provider, string> = {
  SCRIPTED: 'scripted',
  CLAUDE_CODE: 'Claude Code',
  CODEX_CLI: 'Codex',
  OPENCODE: 'OpenCode',
};

/** The option keys that land in the provider's options rather than in the run request itself. */
const AGENT_OPTION_KEYS = ['cwd', 'permissionMode', 'allowedTools', 'approvalPolicy', 'sandbox'] as const;

const common = z.object({
  model: z.string().trim().min(1).max(MAX_MODEL).optional(),
  systemPrompt: z.string().max(MAX_SYSTEM_PROMPT).optional(),
  newAgentSession: z.boolean().optional(),
});

/** Drops absent (null or undefined) fields, as GraphQL hands them over. */
function present(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== null && value !== undefined),
  );
}

/**
 * Checks a run's options against the app's provider and returns them normalised, or throws a
 * ValidationError whose issues point at `options.<field>`. Nothing is stored when this throws.
 */
export function validateRunOptions(
  provider: Provider,
  input: Record<string, unknown> | null | undefined,
): RunOptions {
  const given = present(input ?? {});
  const issues: FieldIssue[] = [];
  const allowed = PROVIDER_KEYS[provider];
  for (const key of Object.keys(given)) {
    if (!allowed.includes(key as keyof RunOptions)) {
      issues.push({
        path: ['options', key],
        message: `does not apply to ${PROVIDER_LABELS[provider]} apps (they take ${allowed.join(', ')})`,
      });
    }
  }
  const parsedCommon = common.safeParse({
    model: given.model,
    systemPrompt: given.systemPrompt,
    newAgentSession: given.newAgentSession,
  });
  if (!parsedCommon.success) {
    for (const issue of parsedCommon.error.issues) {
      issues.push({ path: ['options', ...issue.path.map(String)], message: issue.message });
    }
  }
  // The provider's own fields are checked by the same schema as the app's options.
  const agentPart = Object.fromEntries(
    AGENT_OPTION_KEYS.filter((key) => key in given && allowed.includes(key)).map((key) => [key, given[key]]),
  );
  const parsedAgent = PROVIDER_OPTION_SCHEMAS[provider].safeParse(agentPart);
  if (!parsedAgent.success) {
    for (const issue of parsedAgent.error.issues) {
      issues.push({ path: ['options', ...issue.path.map(String)], message: issue.message });
    }
  }
  if (issues.length) throw new ValidationError("the message was not sent: check the run's options", issues);
  return present({ ...parsedCommon.data, ...agentPart });
}

/** What a run starts with: the app's settings with the run's options over them. */
export interface EffectiveRunSettings {
  model: string;
  systemPrompt: string | null;
  options: Record<string, unknown>;
  newAgentSession: boolean;
  /** The app as the run sees it, for capability gates that read the options. */
  app: App;
}

export function effectiveRunSettings(
  app: App,
  runOptions: RunOptions | null | undefined,
): EffectiveRunSettings {
  const run = runOptions ?? {};
  const agentOverrides = Object.fromEntries(
    AGENT_OPTION_KEYS.filter((key) => run[key] !== undefined).map((key) => [key, run[key]]),
  );
  const options = { ...(app.options ?? {}), ...agentOverrides };
  return {
    model: run.model ?? app.model,
    systemPrompt: run.systemPrompt ?? app.systemPrompt ?? null,
    options,
    newAgentSession: run.newAgentSession === true,
    app: { ...app, options },
  };
}

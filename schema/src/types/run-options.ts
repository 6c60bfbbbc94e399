import type { RunOptions } from '../../../server/src/modules/runs/run-options.js';
import { builder } from '../builder.js';

/** The providers' own spellings behind SCREAMING_SNAKE enum values. */
export const ClaudePermissionModeEnum = builder.enumType('ClaudePermissionMode', {
  description: 'When Claude Code asks before using a tool.',
  values: {
    DEFAULT: { value: 'default', description: 'Asks for anything that is not known to be safe.' },
    ACCEPT_EDITS: { value: 'acceptEdits', description: 'Edits files without asking; asks for the rest.' },
    PLAN: { value: 'plan', description: 'Plans only; changes nothing.' },
    BYPASS_PERMISSIONS: { value: 'bypassPermissions', description: 'Never asks.' },
    DONT_ASK: { value: 'dontAsk', description: 'Never asks; denies what is not allowed.' },
  } as const,
});

export const CodexApprovalPolicyEnum = builder.enumType('CodexApprovalPolicy', {
  description: 'When Codex asks before running a command.',
  values: {
    UNTRUSTED: { value: 'untrusted', description: 'Asks for every command not known to be harmless.' },
    ON_REQUEST: { value: 'on-request', description: 'The model decides when to ask.' },
    ON_FAILURE: { value: 'on-failure', description: 'Asks only when a sandboxed command fails.' },
    NEVER: { value: 'never', description: 'Never asks.' },
  } as const,
});

export const CodexSandboxModeEnum = builder.enumType('CodexSandboxMode', {
  description: "What Codex's commands may touch.",
  values: {
    READ_ONLY: { value: 'read-only', description: 'Commands may read files but change nothing.' },
    WORKSPACE_WRITE: {
      value: 'workspace-write',
      description: 'Commands may change files in the working directory only.',
    },
    DANGER_FULL_ACCESS: {
      value: 'danger-full-access',
      description: 'No sandbox of its own; the session container is the boundary.',
    },
  } as const,
});

export const RunOptionsInput = builder.inputType('RunOptionsInput', {
  description:
    "Settings for this run over the app's. Only the fields that apply to the app's provider are accepted; the others are a ValidationError.",
  fields: (t) => ({
    model: t.string({ description: "The model for this run instead of the app's." }),
    systemPrompt: t.string({ description: "Replaces the app's system prompt for this run." }),
    workingDirectory: t.string({
      description: 'Where the agent works, relative to the workspace (Claude Code, Codex, OpenCode).',
    }),
    newAgentSession: t.boolean({
      description: "Start a new agent conversation instead of continuing the session's.",
    }),
    permissionMode: t.field({ type: ClaudePermissionModeEnum, description: 'Claude Code only.' }),
    allowedTools: t.stringList({ description: 'Claude Code only: tools that run without asking.' }),
    approvalPolicy: t.field({ type: CodexApprovalPolicyEnum, description: 'Codex only.' }),
    sandbox: t.field({ type: CodexSandboxModeEnum, description: 'Codex only.' }),
  }),
});

/** The GraphQL input in the run's stored shape (`workingDirectory` is the providers' `cwd`). */
export function runOptionsFromInput(
  input: typeof RunOptionsInput.$inferInput | null | undefined,
): Record<string, unknown> | null {
  if (!input) return null;
  const { workingDirectory, ...rest } = input;
  return { ...rest, cwd: workingDirectory };
}

export const RunOptionsRef = builder.objectRef<RunOptions>('RunOptions').implement({
  description: "The run's own settings; a null field means the app's setting applied.",
  fields: (t) => ({
    model: t.exposeString('model', { nullable: true, description: "The model used instead of the app's." }),
    systemPrompt: t.exposeString('systemPrompt', {
      nullable: true,
      description: "The system prompt used instead of the app's.",
    }),
    workingDirectory: t.string({
      nullable: true,
      description: 'Where the agent worked, relative to the workspace.',
      resolve: (options) => options.cwd ?? null,
    }),
    newAgentSession: t.boolean({
      description: "True when the run started a new agent conversation instead of continuing the session's.",
      resolve: (options) => options.newAgentSession === true,
    }),
    permissionMode: t.field({
      type: ClaudePermissionModeEnum,
      nullable: true,
      description: 'Claude Code: when it asked before using a tool.',
      resolve: (options) => (options.permissionMode as never) ?? null,
    }),
    allowedTools: t.exposeStringList('allowedTools', {
      nullable: true,
      description: 'Claude Code: tools that ran without asking.',
    }),
    approvalPolicy: t.field({
      type: CodexApprovalPolicyEnum,
      nullable: true,
      description: 'Codex: when it asked before running a command.',
      resolve: (options) => (options.approvalPolicy as never) ?? null,
    }),
    sandbox: t.field({
      type: CodexSandboxModeEnum,
      nullable: true,
      description: 'Codex: what its commands could touch.',
      resolve: (options) => (options.sandbox as never) ?? null,
    }),
  }),
});

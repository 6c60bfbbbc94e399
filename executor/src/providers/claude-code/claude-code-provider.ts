import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { z } from 'zod';
import type { StartRunRequest } from '../../protocol.js';
import {
  baseChildEnv,
  importProvider,
  requireBinary,
  type AgentCliSettings,
} from '../agent-cli/agent-cli-settings.js';
import { describeToolUse, isApproval, PERMISSION_OPTIONS } from '../agent-cli/human-loop-answers.js';
import { LazyLanguageModel } from '../agent-cli/lazy-model.js';
import { parseOptions, relativeDir } from '../agent-cli/options.js';
import type { AgentProvider, ProviderHooks } from '../provider.js';

/** The app options Claude Code understands (PR3); unknown keys are the server's (endpoint, key ref). */
export const claudeCodeOptions = z.object({
  permissionMode: z.enum(['default', 'acceptEdits', 'bypassPermissions', 'plan', 'dontAsk']).optional(),
  allowedTools: z.array(z.string().min(1)).optional(),
  disallowedTools: z.array(z.string().min(1)).optional(),
  maxTurns: z.number().int().min(1).max(500).optional(),
  /** Working directory relative to the workspace. */
  cwd: relativeDir.optional(),
  /** `todo`: the TodoWrite tool (default); `tasks`: the Task* tools of newer CLIs. */
  todoTools: z.enum(['todo', 'tasks']).optional(),
});

type Question = { question?: unknown; options?: unknown; multiSelect?: unknown };

/** Claude Code through the Claude Agent SDK: `canUseTool` is the human loop, `resume` continues a session. */
export function createClaudeCodeProvider(settings: AgentCliSettings): AgentProvider {
  return {
    name: 'claude-code',
    capabilities: { humanLoop: true, resume: true, todos: true, reasoning: true },
    createModel: (request, hooks) =>
      new LazyLanguageModel('claude-code', request.model, () => loadModel(settings, request, hooks)),
  };
}

async function loadModel(
  settings: AgentCliSettings,
  request: StartRunRequest,
  hooks: ProviderHooks,
): Promise<LanguageModelV3> {
  const options = parseOptions('claude-code', claudeCodeOptions, request.options);
  const binary = requireBinary('claude-code', settings);
  const { createClaudeCode } = await importProvider(
    'ai-sdk-provider-claude-code',
    () => import('ai-sdk-provider-claude-code'),
  );
  const configDir = join(hooks.agentDataDir, 'claude');
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const tasks = options.todoTools === 'tasks';
  const env: Record<string, string> = {
    ...baseChildEnv(settings),
    CLAUDE_CONFIG_DIR: configDir,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    // The worker decides about new attempts; a CLI that retries a 401 for minutes only hides it.
    CLAUDE_CODE_MAX_RETRIES: '0',
    CLAUDE_CODE_ENABLE_TASKS: tasks ? 'true' : 'false',
    ...(tasks ? {} : { CLAUDE_CODE_ENABLE_TODO_TOOLS: '1' }),
  };
  if (settings.env.ANTHROPIC_BASE_URL) env.ANTHROPIC_BASE_URL = settings.env.ANTHROPIC_BASE_URL;
  if (settings.env.ANTHROPIC_API_KEY) env.ANTHROPIC_API_KEY = settings.env.ANTHROPIC_API_KEY;
  let stderr = '';
  const provider = createClaudeCode();
  return provider(request.model, {
    pathToClaudeCodeExecutable: binary,
    cwd: options.cwd ? join(hooks.workspaceDir, options.cwd) : hooks.workspaceDir,
    env,
    persistSession: true,
    ...(request.resumeId ? { resume: request.resumeId } : {}),
    ...(options.permissionMode ? { permissionMode: options.permissionMode } : {}),
    ...(options.permissionMode === 'bypassPermissions' ? { allowDangerouslySkipPermissions: true } : {}),
    ...(options.allowedTools ? { allowedTools: options.allowedTools } : {}),
    ...(options.disallowedTools ? { disallowedTools: options.disallowedTools } : {}),
    ...(options.maxTurns ? { maxTurns: options.maxTurns } : {}),
    settingSources: [],
    logger: false,
    stderr: (data: string) => {
      stderr = (stderr + data).slice(-4000);
    },
    canUseTool: async (toolName, input) => {
      if (toolName === 'AskUserQuestion')
        return { behavior: 'allow', updatedInput: await askQuestions(hooks, input) };
      const answer = await hooks.ask({
        kind: 'permission',
        prompt: describeToolUse(toolName, input),
        options: PERMISSION_OPTIONS,
      });
      return isApproval(answer)
        ? { behavior: 'allow', updatedInput: input }
        : { behavior: 'deny', message: `The user denied this (${answer}).` };
    },
  });
}

/** AskUserQuestion carries several questions; each becomes one human-loop question. */
async function askQuestions(
  hooks: ProviderHooks,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const questions = Array.isArray(input.questions) ? (input.questions as Question[]) : [];
  const answers: Record<string, string> = {};
  for (const item of questions) {
    const question = typeof item.question === 'string' ? item.question : JSON.stringify(item);
    const options = Array.isArray(item.options)
      ? item.options
          .map((option: unknown) =>
            typeof option === 'string'
              ? option
              : option &&
                  typeof option === 'object' &&
                  typeof (option as { label?: unknown }).label === 'string'
                ? (option as { label: string }).label
                : null,
          )
          .filter((option): option is string => option !== null)
      : [];
    answers[question] = await hooks.ask({ kind: 'question', prompt: question, options });
  }
  return { ...input, answers };
}
